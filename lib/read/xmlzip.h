/*
 * xmlzip.h — libxml2 and libzip, loaded on first use (dl.h says why):
 * the functions the HTML and DOCX readers and the DOCX writer call.
 * Calling one not listed here is a link error, by design: add it below.
 */
#ifndef XXGK_XMLZIP_H
#define XXGK_XMLZIP_H

#include "dl.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#define DL_XML_FUNCS(X)                                                        \
  X(xmlInitParser)                                                             \
  X(xmlResetLastError)                                                         \
  X(xmlGetLastError)                                                           \
  X(xmlReadMemory)                                                             \
  X(htmlReadMemory)                                                            \
  X(xmlDocGetRootElement)                                                      \
  X(xmlFreeDoc)                                                                \
  X(xmlReaderForMemory)                                                        \
  X(xmlTextReaderRead)                                                         \
  X(xmlTextReaderNodeType)                                                     \
  X(xmlTextReaderIsEmptyElement)                                               \
  X(xmlTextReaderConstLocalName)                                               \
  X(xmlTextReaderMoveToAttribute)                                              \
  X(xmlTextReaderMoveToElement)                                                \
  X(xmlTextReaderConstValue)                                                   \
  X(xmlFreeTextReader)

#define DL_ZIP_FUNCS(X)                                                        \
  X(zip_error_init)                                                            \
  X(zip_error_fini)                                                            \
  X(zip_error_code_zip)                                                        \
  X(zip_error_strerror)                                                        \
  X(zip_strerror)                                                              \
  X(zip_source_buffer_create)                                                  \
  X(zip_source_buffer)                                                         \
  X(zip_source_free)                                                           \
  X(zip_source_keep)                                                           \
  X(zip_source_stat)                                                           \
  X(zip_source_open)                                                           \
  X(zip_source_read)                                                           \
  X(zip_source_close)                                                          \
  X(zip_open_from_source)                                                      \
  X(zip_name_locate)                                                           \
  X(zip_stat_init)                                                             \
  X(zip_stat_index)                                                            \
  X(zip_fopen_index)                                                           \
  X(zip_fread)                                                                 \
  X(zip_file_strerror)                                                         \
  X(zip_fclose)                                                                \
  X(zip_file_add)                                                              \
  X(zip_file_set_dostime)                                                      \
  X(zip_close)                                                                 \
  X(zip_discard)

DL_DECLARE(xml, DL_XML_FUNCS)
DL_DECLARE(zip, DL_ZIP_FUNCS)

#endif
