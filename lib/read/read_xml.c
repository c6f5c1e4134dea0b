/*
 * read_xml.c — what the HTML and DOCX readers share about an XML tree:
 * marking the tables that only lay out the page (a table holding tables),
 * so that their cells are read as text and the inner tables as tables;
 * and the bound on a tree's size, checked before it is built.
 */
#include "read_xml.h"

#include <string.h>

int xml_too_many_tags(const char *s, size_t n) {
  size_t k = 0;
  for (const char *p = s, *end = s + n;
       (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++)
    if (++k > XXGK_MAX_TAGS)
      return 1;
  return 0;
}

int xml_mark_layout(xmlNode *n, int depth, xmlNode *table,
                    int (*is_table)(const xmlNode *n)) {
  if (depth > XXGK_MAX_DEPTH) /* recursion bounded by the depth limit */
    return -1;
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    xmlNode *t = table;
    if (is_table(c)) {
      if (table)
        table->_private = XML_LAYOUT;
      t = c;
    }
    if (xml_mark_layout(c, depth + 1, t, is_table) < 0)
      return -1;
  }
  return 0;
}
