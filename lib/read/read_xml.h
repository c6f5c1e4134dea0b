/*
 * read_xml.h — shared by the readers that walk an XML tree (read_html.c,
 * read_docx.c).
 */
#ifndef XXGK_READ_XML_H
#define XXGK_READ_XML_H

#include "reader.h"

#include <libxml/tree.h>

#define XML_LAYOUT ((void *)1) /* node->_private of a layout table */

/* Marks every table (is_table) that holds a table as layout; returns -1
 * past XXGK_MAX_DEPTH levels. */
int xml_mark_layout(xmlNode *n, int depth, xmlNode *table,
                    int (*is_table)(const xmlNode *n));

/* Whether s (n bytes of markup) holds more than XXGK_MAX_TAGS '<': the
 * bound on the tree's nodes, checked before the parser builds it. */
int xml_too_many_tags(const char *s, size_t n);

#endif
