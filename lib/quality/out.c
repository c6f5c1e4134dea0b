/*
 * out.c — a quality score as JSON (json-c, for scripts and the web
 * application) or as text (one line per point, for a clerk).
 */
#include "quality.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

static json_object *member(json_object *o, const char *key) {
  json_object *v = NULL;
  json_object_object_get_ex(o, key, &v);
  return v;
}

/* compact: one line without spaces, as the corpus stores it (a third
 * smaller than the pretty form, a few MB per thousand reports). */
static char *to_text(json_object *o, int compact) {
  const char *s = json_object_to_json_string_ext(
      o, (compact ? JSON_C_TO_STRING_PLAIN
                  : JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED) |
             JSON_C_TO_STRING_NOSLASHESCAPE);
  buf b = {0};
  buf_puts(&b, s);
  buf_putc(&b, '\n');
  return buf_detach(&b);
}

char *quality_json_years(const char *json, const xxgk_doc *d, int *score,
                         int *got, int *judged) {
  json_object *o = json ? json_tokener_parse(json) : NULL,
              *arr = o ? member(o, "points") : NULL;
  if (!arr || !json_object_is_type(arr, json_type_array)) {
    json_object_put(o);
    return NULL;
  }
  xxgk_quality_point y;
  quality_judge_years(d, &y);
  *got = *judged = 0;
  for (size_t i = 0; i < json_object_array_length(arr); i++) {
    json_object *p = json_object_array_get_idx(arr, i);
    const char *key = json_object_get_string(member(p, "key"));
    if (key && strcmp(key, y.key) == 0) {
      json_object_object_add(p, "got", json_object_new_int(y.got));
      json_object_object_add(
          p, "state", json_object_new_string(xxgk_point_state_name(y.state)));
      json_object_object_add(p, "why", json_object_new_string(y.why));
    }
    const char *state = json_object_get_string(member(p, "state"));
    for (int k = XXGK_POINT_MET; state && k <= XXGK_POINT_NA; k++)
      if (strcmp(state, xxgk_point_state_name(k)) == 0 && quality_judged(k)) {
        *got += json_object_get_int(member(p, "got"));
        *judged += json_object_get_int(member(p, "max"));
      }
  }
  *score = quality_percent(*got, *judged);
  json_object_object_add(o, "score",
                         *score < 0 ? NULL : json_object_new_int(*score));
  json_object_object_add(o, "got", json_object_new_int(*got));
  json_object_object_add(o, "judged", json_object_new_int(*judged));
  char *out = to_text(o, 1);
  json_object_put(o);
  return out;
}

char *quality_json(const xxgk_quality *q, int compact) {
  json_object *o = json_object_new_object(), *arr = json_object_new_array();
  json_object_object_add(o, "score",
                         q->score < 0 ? NULL : json_object_new_int(q->score));
  json_object_object_add(o, "got", json_object_new_int(q->got));
  json_object_object_add(o, "judged", json_object_new_int(q->judged));
  for (int i = 0; i < XXGK_QUALITY_POINTS; i++) {
    const xxgk_quality_point *p = &q->points[i];
    json_object *j = json_object_new_object();
    json_object_object_add(j, "key", json_object_new_string(p->key));
    json_object_object_add(j, "group", json_object_new_string(p->group));
    json_object_object_add(j, "label", json_object_new_string(p->label));
    json_object_object_add(j, "rule", json_object_new_string(p->rule));
    json_object_object_add(j, "max", json_object_new_int(p->max));
    json_object_object_add(j, "got", json_object_new_int(p->got));
    json_object_object_add(
        j, "state", json_object_new_string(xxgk_point_state_name(p->state)));
    json_object_object_add(j, "why", json_object_new_string(p->why));
    json_object_array_add(arr, j);
  }
  json_object_object_add(o, "points", arr);
  char *out = to_text(o, compact);
  json_object_put(o);
  return out;
}

char *xxgk_quality_json(const xxgk_quality *q) { return quality_json(q, 0); }

char *xxgk_quality_text(const xxgk_quality *q) {
  static const char *const STATE[] = {"符合", "部分", "失分", "无法判断",
                                      "不适用"};
  buf b = {0};
  if (q->score < 0)
    buf_puts(&b, "质量得分：无法评判（没有可评判的项目）\n");
  else
    buf_printf(&b, "质量得分：%d（可评判的 %d 分中得 %d 分）\n", q->score,
               q->judged, q->got);
  for (int i = 0; i < XXGK_QUALITY_POINTS; i++) {
    const xxgk_quality_point *p = &q->points[i];
    buf_printf(&b, "  %-8s %s %d/%d [%s] %s：%s\n", p->key, STATE[p->state],
               p->got, p->max, p->rule, p->label, p->why);
  }
  return buf_detach(&b);
}
