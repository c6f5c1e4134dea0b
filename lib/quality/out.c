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

/* compact: one line without spaces, as the corpus stores it. */
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

int quality_from_json(const char *json, xxgk_quality *q) {
  quality_init(q);
  json_object *o = json ? json_tokener_parse(json) : NULL,
              *arr = o ? member(o, "points") : NULL;
  if (!arr || !json_object_is_type(arr, json_type_array)) {
    json_object_put(o);
    return -1;
  }
  for (size_t i = 0; i < json_object_array_length(arr); i++) {
    json_object *j = json_object_array_get_idx(arr, i);
    const char *key = json_object_get_string(member(j, "key")),
               *state = json_object_get_string(member(j, "state")),
               *why = json_object_get_string(member(j, "why"));
    for (int k = 0; key && k < XXGK_QUALITY_POINTS; k++) {
      xxgk_quality_point *p = &q->points[k];
      if (strcmp(p->key, key) != 0)
        continue;
      for (int s = XXGK_POINT_MET; state && s <= XXGK_POINT_NA; s++)
        if (strcmp(state, xxgk_point_state_name(s)) == 0)
          p->state = s;
      p->got = json_object_get_int(member(j, "got"));
      quality_copy(p->why, sizeof p->why, why ? why : "",
                   why ? strlen(why) : 0);
    }
  }
  json_object_put(o);
  quality_total(q);
  return 0;
}

char *quality_json(const xxgk_quality *q, int stored) {
  json_object *o = json_object_new_object(), *arr = json_object_new_array();
  json_object_object_add(o, "score",
                         q->score < 0 ? NULL : json_object_new_int(q->score));
  json_object_object_add(o, "got", json_object_new_int(q->got));
  json_object_object_add(o, "judged", json_object_new_int(q->judged));
  for (int i = 0; i < XXGK_QUALITY_POINTS; i++) {
    const xxgk_quality_point *p = &q->points[i];
    json_object *j = json_object_new_object();
    json_object_object_add(j, "key", json_object_new_string(p->key));
    if (!stored) {
      json_object_object_add(j, "group", json_object_new_string(p->group));
      json_object_object_add(j, "label", json_object_new_string(p->label));
      json_object_object_add(j, "rule", json_object_new_string(p->rule));
      json_object_object_add(j, "max", json_object_new_int(p->max));
    }
    json_object_object_add(j, "got", json_object_new_int(p->got));
    json_object_object_add(
        j, "state", json_object_new_string(xxgk_point_state_name(p->state)));
    json_object_object_add(j, "why", json_object_new_string(p->why));
    json_object_array_add(arr, j);
  }
  json_object_object_add(o, "points", arr);
  char *out = to_text(o, stored);
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
