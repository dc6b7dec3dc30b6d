/* validate — owns the checks of USCC, division codes, ID numbers, dates, datetimes, money. */
#include "base/validate.h"

#include <stddef.h>
#include <string.h>

/* ---- small character helpers (locale-free on purpose: inputs are ASCII codes) ---- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return false;
    return true;
}

/* Value of n decimal digits; the caller has checked they are digits. */
static int digits_value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* ---- USCC (GB 32100-2015) ---- */

#define USCC_LEN 18

static const char USCC_ALPHABET[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* 3^(i-1) mod 31 for positions 1–17. */
static const int USCC_WEIGHTS[USCC_LEN - 1] = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
};

/* Index of c in the USCC alphabet, or -1; lowercase is rejected since the standard is uppercase. */
static int uscc_value(char c)
{
    if (c == '\0')
        return -1;
    const char *p = strchr(USCC_ALPHABET, c);
    return p ? (int)(p - USCC_ALPHABET) : -1;
}

bool validate_uscc(const char *s, char *expected)
{
    if (expected)
        *expected = '\0';
    if (!s || strlen(s) != USCC_LEN)
        return false;
    int sum = 0;
    for (size_t i = 0; i < USCC_LEN - 1; i++) {
        int v = uscc_value(s[i]);
        if (v < 0)
            return false;
        sum += v * USCC_WEIGHTS[i];
    }
    if (uscc_value(s[USCC_LEN - 1]) < 0)
        return false;
    char check = USCC_ALPHABET[(31 - sum % 31) % 31];
    if (s[USCC_LEN - 1] == check)
        return true;
    if (expected)
        *expected = check;
    return false;
}

/* ---- administrative division codes (GB/T 2260), only 京津冀 ---- */

#define REGION_LEN 6

struct region {
    const char *code;
    const char *name;
    const char *abbr; /* what case numbers open with (FACTS §7): 京顺, 津北辰, 冀 */
};

/* Codes named in FACTS §6; Beijing and Tianjin list only districts that exist today. The
 * abbreviations of Beijing districts (京 + one character) and Tianjin districts (津 + the name
 * without 区) follow FACTS §7's 京顺 and 津北辰; 辛集, 定州 and the 雄安 counties are
 * unverified guesses (an office sets its own with `ipcase numbering`). */
static const struct region REGIONS[] = {
    {"110000", "北京市", "京"},
    {"110101", "东城区", "京东"},     {"110102", "西城区", "京西"},
    {"110105", "朝阳区", "京朝"},     {"110106", "丰台区", "京丰"},
    {"110107", "石景山区", "京石"},   {"110108", "海淀区", "京海"},
    {"110109", "门头沟区", "京门"},   {"110111", "房山区", "京房"},
    {"110112", "通州区", "京通"},     {"110113", "顺义区", "京顺"},
    {"110114", "昌平区", "京昌"},     {"110115", "大兴区", "京兴"},
    {"110116", "怀柔区", "京怀"},     {"110117", "平谷区", "京平"},
    {"110118", "密云区", "京密"},     {"110119", "延庆区", "京延"},
    {"120000", "天津市", "津"},
    {"120101", "和平区", "津和平"},   {"120102", "河东区", "津河东"},
    {"120103", "河西区", "津河西"},   {"120104", "南开区", "津南开"},
    {"120105", "河北区", "津河北"},   {"120106", "红桥区", "津红桥"},
    {"120110", "东丽区", "津东丽"},   {"120111", "西青区", "津西青"},
    {"120112", "津南区", "津津南"},   {"120113", "北辰区", "津北辰"},
    {"120114", "武清区", "津武清"},   {"120115", "宝坻区", "津宝坻"},
    {"120116", "滨海新区", "津滨海"}, {"120117", "宁河区", "津宁河"},
    {"120118", "静海区", "津静海"},   {"120119", "蓟州区", "津蓟州"},
    {"130000", "河北省", "冀"},
    {"130181", "辛集市", "辛集"},     {"130682", "定州市", "定州"},
    {"130629", "容城县", "容城"},     {"130632", "安新县", "安新"},
    {"130638", "雄县", "雄县"},
    /* Not in the 2023 list, but some systems use it (FACTS §6). */
    {"133100", "雄安新区", "雄安"},
};

struct prefecture {
    const char *prefix; /* first four digits */
    const char *name;
    const char *county_name; /* name given to an unlisted county-level code below it */
    const char *abbr;        /* 石市监处罚〔2023〕21号 (FACTS §7) */
};

/* Hebei prefectures of FACTS §6. 雄安 is left out: 1331xx has no counties in GB/T 2260. */
static const struct prefecture PREFECTURES[] = {
    {"1301", "石家庄市", "石家庄市辖区县", "石"}, {"1302", "唐山市", "唐山市辖区县", "唐"},
    {"1303", "秦皇岛市", "秦皇岛市辖区县", "秦"}, {"1304", "邯郸市", "邯郸市辖区县", "邯"},
    {"1305", "邢台市", "邢台市辖区县", "邢"},     {"1306", "保定市", "保定市辖区县", "保"},
    {"1307", "张家口市", "张家口市辖区县", "张"}, {"1308", "承德市", "承德市辖区县", "承"},
    {"1309", "沧州市", "沧州市辖区县", "沧"},     {"1310", "廊坊市", "廊坊市辖区县", "廊"},
    {"1311", "衡水市", "衡水市辖区县", "衡"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool is_region_code(const char *code)
{
    return code && strlen(code) == REGION_LEN && all_digits(code, REGION_LEN);
}

static const struct region *listed_region(const char *code)
{
    for (size_t i = 0; i < COUNT(REGIONS); i++)
        if (strcmp(REGIONS[i].code, code) == 0)
            return &REGIONS[i];
    return NULL;
}

/* The prefecture of a prefecture's own code (last two digits 00) or of a county-level code
 * below it (01–99). */
static const struct prefecture *region_prefecture(const char *code)
{
    for (size_t i = 0; i < COUNT(PREFECTURES); i++)
        if (strncmp(PREFECTURES[i].prefix, code, 4) == 0)
            return &PREFECTURES[i];
    return NULL;
}

const char *validate_region_name(const char *code)
{
    if (!is_region_code(code))
        return NULL;
    const struct region *r = listed_region(code);
    if (r)
        return r->name;
    const struct prefecture *p = region_prefecture(code);
    if (!p)
        return NULL;
    return code[4] == '0' && code[5] == '0' ? p->name : p->county_name;
}

const char *validate_region_abbrev(const char *code)
{
    if (!is_region_code(code))
        return NULL;
    const struct region *r = listed_region(code);
    if (r)
        return r->abbr;
    const struct prefecture *p = region_prefecture(code);
    return p ? p->abbr : NULL;
}

bool validate_region_at(size_t i, char out[7])
{
    if (i < COUNT(REGIONS)) {
        memcpy(out, REGIONS[i].code, REGION_LEN + 1);
        return true;
    }
    i -= COUNT(REGIONS);
    if (i >= COUNT(PREFECTURES))
        return false;
    memcpy(out, PREFECTURES[i].prefix, 4);
    memcpy(out + 4, "00", 3);
    return true;
}

const char *validate_region_province(const char *code)
{
    if (!validate_region_name(code))
        return NULL;
    switch (digits_value(code, 2)) {
    case 11: return "京";
    case 12: return "津";
    case 13: return "冀";
    default: return NULL;
    }
}

/* ---- dates and times ---- */

#define DATE_LEN 10

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : DAYS[m - 1];
}

/* n digits at s, as a value, or -1 when any is not a digit. */
static int field(const char *s, size_t n)
{
    return all_digits(s, n) ? digits_value(s, n) : -1;
}

/* YYYYMMDD or YYYY-MM-DD fields already split out; checks the calendar only. */
static bool valid_ymd(int y, int m, int d)
{
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
        return false;
    return d <= days_in_month(y, m);
}

/* The first DATE_LEN characters of s form YYYY-MM-DD; what follows is the caller's business. */
static bool date_prefix(const char *s)
{
    for (size_t i = 0; i < DATE_LEN; i++)
        if (s[i] == '\0')
            return false;
    if (s[4] != '-' || s[7] != '-')
        return false;
    return valid_ymd(field(s, 4), field(s + 5, 2), field(s + 8, 2));
}

bool validate_date(const char *s)
{
    return s && strlen(s) == DATE_LEN && date_prefix(s);
}

/* HH:MM or HH:MM:SS; no leap seconds, as case records never need them. */
static bool valid_time(const char *t)
{
    size_t n = strlen(t);
    if ((n != 5 && n != 8) || t[2] != ':')
        return false;
    int h = field(t, 2), mi = field(t + 3, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59)
        return false;
    if (n == 5)
        return true;
    int sec = field(t + 6, 2);
    return t[5] == ':' && sec >= 0 && sec <= 59;
}

bool validate_datetime(const char *s)
{
    if (!s || !date_prefix(s))
        return false;
    char sep = s[DATE_LEN];
    return (sep == 'T' || sep == ' ') && valid_time(s + DATE_LEN + 1);
}

/* ---- money ---- */

/* 15 integer digits keep any amount below 10^15 yuan, exact in a double and an int64 of fen. */
#define MONEY_MAX_INT_DIGITS 15

bool validate_money(const char *s)
{
    if (!s)
        return false;
    size_t int_len = strspn(s, "0123456789");
    if (int_len == 0 || int_len > MONEY_MAX_INT_DIGITS)
        return false;
    const char *rest = s + int_len;
    if (*rest == '\0')
        return true;
    if (*rest != '.')
        return false;
    size_t frac_len = strspn(rest + 1, "0123456789");
    return (frac_len == 1 || frac_len == 2) && rest[1 + frac_len] == '\0';
}


/* ---- resident ID number (GB 11643) ---- */

#define ID_LEN 18

/* ISO 7064 MOD 11-2: 2^(17-i) mod 11 for positions 1–17. */
static const int ID_WEIGHTS[ID_LEN - 1] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char ID_CHECKS[] = "10X98765432";

bool validate_id_number(const char *s)
{
    if (!s || strlen(s) != ID_LEN || !all_digits(s, ID_LEN - 1))
        return false;
    /* Birth date sits at positions 7–14 as YYYYMMDD. */
    if (!valid_ymd(digits_value(s + 6, 4), digits_value(s + 10, 2), digits_value(s + 12, 2)))
        return false;
    int sum = 0;
    for (size_t i = 0; i < ID_LEN - 1; i++)
        sum += (s[i] - '0') * ID_WEIGHTS[i];
    return s[ID_LEN - 1] == ID_CHECKS[sum % 11];
}
