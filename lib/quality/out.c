/*
 * out.c — a quality score as JSON (json-c, for scripts and the web
 * application) or as text (one line per point, for a clerk).
 */
#include "quality.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

char *xxgk_quality_json(const xxgk_quality *q) {
  json_object *o = json_object_new_object(), *arr = json_object_new_array();
  json_object_object_add(o, "score", q->score < 0
                                         ? NULL
                                         : json_object_new_int(q->score));
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
  const char *s = json_object_to_json_string_ext(
      o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
             JSON_C_TO_STRING_NOSLASHESCAPE);
  buf b = {0};
  buf_puts(&b, s);
  buf_putc(&b, '\n');
  json_object_put(o);
  return buf_detach(&b);
}

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
