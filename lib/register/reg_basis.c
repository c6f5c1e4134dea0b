/*
 * reg_basis.c — which articles of the 条例 a reply of each outcome may
 * cite (rules.md §1.2), and whether the legal basis a clerk wrote cites
 * one of them. A basis is free text ("条例第三十六条第二项", "第36条第（三）
 * 项", "依据第十四条"); every "第N条" in it is read with the item ("第M项",
 * "（M）") that follows, in Chinese or Arabic numerals. The basis fits
 * when one citation names an article of the outcome, and its item, when
 * given, is one the outcome allows; art. 36 without an item (the article
 * on replies as a whole) fits every outcome.
 */
#include "reg.h"

#include <stdio.h>
#include <string.h>

/* Article and item (0: any item) of each outcome. */
struct cite {
  int art, item;
};

/* The law of each outcome row of table 3 (rules.md §1.2), the one table of
 * it: the articles a reply's basis may cite (checked), the citation the
 * 答复书 prints, and the sentence that states the decision. The rows'
 * labels are the dictionary's. An outcome the law gives no article
 * (a request to confirm information already obtained; 其他) prints none
 * and accepts any basis. */
#define TL "《中华人民共和国政府信息公开条例》"
static const struct {
  const char *outcome;
  struct cite c[4];
  const char *article;
  const char *wording;
} FIT[] = {
    {"granted", {{36, 1}, {36, 2}, {40, 0}}, TL "第三十六条第二项",
     "经审查，您申请获取的政府信息属于可以公开的政府信息，本机关决定予以"
     "公开，现向您提供该政府信息（或告知获取该政府信息的方式、途径和时间）。"},
    {"partially_granted", {{37, 0}, {36, 2}}, TL "第三十七条",
     "经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，"
     "但能够作区分处理，本机关向您提供可以公开的政府信息内容，并对不予公开的"
     "内容说明理由。"},
    {"withheld_state_secret", {{14, 0}, {36, 3}}, TL "第十四条、第三十六条第三项",
     "经审查，您申请获取的政府信息属于依法确定为国家秘密的政府信息，本机关"
     "决定不予公开。"},
    {"withheld_prohibited_by_law", {{14, 0}, {36, 3}},
     TL "第十四条、第三十六条第三项",
     "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，本机关"
     "决定不予公开。"},
    {"withheld_security_stability", {{14, 0}, {36, 3}},
     TL "第十四条、第三十六条第三项",
     "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、"
     "社会稳定，本机关决定不予公开。"},
    {"withheld_third_party_rights", {{15, 0}, {32, 0}, {36, 3}},
     TL "第十五条、第三十二条、第三十六条第三项",
     "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法"
     "权益造成损害，第三方不同意公开，且不公开不会对公共利益造成重大影响，本机关"
     "决定不予公开。"},
    {"withheld_internal_affairs", {{16, 0}, {36, 3}},
     TL "第十六条第一款、第三十六条第三项",
     "经审查，您申请获取的信息属于人事管理、后勤管理、内部工作流程等方面的内部"
     "事务信息，本机关决定不予公开。"},
    {"withheld_process_information", {{16, 0}, {36, 3}},
     TL "第十六条第二款、第三十六条第三项",
     "经审查，您申请获取的信息属于行政机关在履行行政管理职能过程中形成的讨论"
     "记录、过程稿、磋商信函、请示报告等过程性信息，本机关决定不予公开。"},
    {"withheld_enforcement_file", {{16, 0}, {36, 3}},
     TL "第十六条第二款、第三十六条第三项",
     "经审查，您申请获取的信息属于行政执法案卷信息，本机关决定不予公开。"},
    {"withheld_administrative_query", {{36, 7}}, TL "第三十六条第七项",
     "您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取"
     "有特别规定的信息，请您按照有关法律、行政法规的规定办理。"},
    {"unable_not_held", {{36, 4}, {36, 5}}, TL "第三十六条第四项、第五项",
     "经检索，本机关没有制作或者获取您申请公开的政府信息，该政府信息不存在；"
     "该政府信息不属于本机关负责公开的，能够确定负责公开的机关的，本机关另行"
     "告知该机关的名称和联系方式。"},
    {"unable_needs_creation", {{38, 0}}, TL "第三十八条",
     "您申请获取的信息需要本机关对现有政府信息进行加工、分析方能形成，本机关"
     "不予提供。"},
    {"unable_unclear", {{30, 0}}, TL "第三十条",
     "本机关已一次性告知您补正申请，您补正后的申请内容仍不明确，本机关无法确定"
     "您所需要的政府信息，无法提供。"},
    {"not_processed_petition", {{39, 0}}, TL "第三十九条第一款",
     "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府"
     "信息公开申请处理，您可以通过相应的渠道提出。"},
    {"not_processed_duplicate", {{36, 6}}, TL "第三十六条第六项",
     "本机关已就您申请公开的政府信息作出过答复，您重复申请公开相同的政府信息，"
     "本机关不予重复处理。"},
    {"not_processed_publication", {{39, 0}}, TL "第三十九条第二款",
     "您申请获取的是政府公报、报刊、书籍等公开出版物，请您通过相关渠道获取。"},
    {"not_processed_excessive", {{35, 0}}, TL "第三十五条",
     "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，"
     "您的理由不合理，本机关不予处理。"},
    {"not_processed_confirmation", {{0, 0}}, "",
     "您要求本机关确认或者重新出具您已获取的信息，不属于申请获取政府信息的情形，"
     "本机关不作为政府信息公开申请处理。"},
    {"other_no_correction", {{30, 0}}, TL "第三十条",
     "本机关已一次性告知您需要补正的事项和补正期限，您无正当理由逾期不补正，"
     "视为放弃申请，本机关不再处理您的政府信息公开申请。"},
    {"other_unpaid_fee", {{42, 0}},
     TL "第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
     "本机关已向您发出收费通知，您未在收到收费通知次日起 20 个工作日内缴纳"
     "信息处理费，视为放弃申请，本机关不再处理您的政府信息公开申请。"},
    {"other_other", {{0, 0}}, "", "本机关对您的申请处理如下："},
    {"other", {{0, 0}}, "", "本机关对您的申请处理如下："},
};
#undef TL
#define N_FIT (int)(sizeof FIT / sizeof FIT[0])

/* A number in Chinese numerals (一 … 九十九) or Arabic digits at s; sets
 * *len to the bytes read; 0 if none. */
static int number(const char *s, size_t *len) {
  static const char *const D[] = {"零", "一", "二", "三", "四",
                                  "五", "六", "七", "八", "九"};
  int v = 0, digit = -1, any = 0;
  size_t i = 0;
  if (s[0] >= '0' && s[0] <= '9') {
    while (s[i] >= '0' && s[i] <= '9' && v < 1000)
      v = v * 10 + (s[i++] - '0');
    *len = i;
    return v;
  }
  for (;;) {
    int k = -1;
    for (int d = 0; d < 10 && k < 0; d++)
      if (strncmp(s + i, D[d], 3) == 0)
        k = d;
    if (k >= 0) {
      digit = k;
      any = 1;
      i += 3;
    } else if (strncmp(s + i, "十", 3) == 0) {
      v += (digit < 0 ? 1 : digit) * 10;
      digit = -1;
      any = 1;
      i += 3;
    } else {
      break;
    }
  }
  if (digit > 0)
    v += digit;
  *len = i;
  return any ? v : 0;
}

/* The citations of a basis, at most `cap`. */
static int citations(const char *s, struct cite *out, int cap) {
  int n = 0;
  for (const char *p = strstr(s, "第"); p && n < cap; p = strstr(p, "第")) {
    size_t len;
    int art = number(p + 3, &len);
    const char *q = p + 3 + len;
    p += 3;
    if (!art || strncmp(q, "条", 3) != 0)
      continue;
    q += 3;
    int item = 0;
    if (strncmp(q, "第", 3) == 0 || strncmp(q, "（", 3) == 0 || *q == '(') {
      const char *r = q + (*q == '(' ? 1 : 3);
      if (strncmp(q, "第", 3) == 0 && strncmp(r, "（", 3) == 0)
        r += 3; /* 第（二）项 */
      else if (strncmp(q, "第", 3) == 0 && *r == '(')
        r++;
      int v = number(r, &len);
      const char *e = r + len;
      if (strncmp(e, "）", 3) == 0 || *e == ')')
        e += *e == ')' ? 1 : 3;
      if (v && (strncmp(e, "项", 3) == 0 || strncmp(q, "第", 3) != 0))
        item = v;
    }
    out[n++] = (struct cite){art, item};
    p = q;
  }
  return n;
}

xxgk_status reg_basis_check(xxgk_reg *r, const char *outcome,
                            const char *basis) {
  int f = -1;
  for (int i = 0; i < N_FIT && f < 0; i++)
    if (strcmp(FIT[i].outcome, outcome) == 0)
      f = i;
  if (f < 0 || !FIT[f].c[0].art || !basis || !*basis)
    return XXGK_OK; /* other_other: no article to require */
  struct cite c[16];
  int n = citations(basis, c, 16);
  if (!n)
    return XXGK_OK; /* no article named: the basis is the clerk's words */
  for (int i = 0; i < n; i++) {
    if (c[i].art == 36 && !c[i].item)
      return XXGK_OK; /* art. 36 as a whole is the article on replies */
    for (int k = 0; k < 4 && FIT[f].c[k].art; k++)
      if (c[i].art == FIT[f].c[k].art &&
          (!c[i].item || !FIT[f].c[k].item || c[i].item == FIT[f].c[k].item))
        return XXGK_OK;
  }
  return reg_fail(r, XXGK_E_REFUSED,
                  "法律依据“%s”与答复结果不符：%s 应引用%s", basis, outcome,
                  reg_basis_articles(outcome));
}

const char *reg_basis_articles(const char *outcome) {
  static _Thread_local char s[160];
  static const char *const ITEM[] = {"", "一", "二", "三", "四",
                                     "五", "六", "七"};
  static const char *const ART[] = {
      [14] = "十四",   [15] = "十五",   [16] = "十六",   [30] = "三十",
      [32] = "三十二", [35] = "三十五", [36] = "三十六", [37] = "三十七",
      [38] = "三十八", [39] = "三十九", [40] = "四十",   [42] = "四十二"};
  s[0] = 0;
  for (int i = 0; i < N_FIT; i++) {
    if (strcmp(FIT[i].outcome, outcome) != 0)
      continue;
    size_t n = 0;
    for (int k = 0; k < 4 && FIT[i].c[k].art && n < sizeof s; k++) {
      const struct cite *c = &FIT[i].c[k];
      n += (size_t)snprintf(s + n, sizeof s - n, "%s条例第%s条%s%s%s",
                            k ? "或" : "", ART[c->art],
                            c->item ? "第" : "", c->item ? ITEM[c->item] : "",
                            c->item ? "项" : "");
    }
  }
  return s;
}

int xxgk_outcome_law(const char *outcome, const char **article,
                     const char **wording) {
  for (int i = 0; outcome && i < N_FIT; i++)
    if (strcmp(FIT[i].outcome, outcome) == 0) {
      if (article)
        *article = FIT[i].article;
      if (wording)
        *wording = FIT[i].wording;
      return 0;
    }
  return -1;
}
