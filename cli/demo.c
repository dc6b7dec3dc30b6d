/* demo — the demo-data generator: 京津冀 markets, brands, parties, officers and dates drawn from a
 * seeded PRNG and written as ordinary ops through db_write. */
#include "cli/demo.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "db/rules/case_terms.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "db/search.h"
#include "db/store.h"

#define BATCH 5000         /* cases per transaction */
#define PROGRESS_EVERY 1000
#define LINE 300           /* bytes of a one-line field */
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- PRNG: splitmix64, so that a seed gives the same data on every platform ---- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static unsigned rng_below(struct rng *r, unsigned n)
{
	return (unsigned)(((rng_next(r) >> 32) * n) >> 32);
}

static bool rng_chance(struct rng *r, unsigned percent)
{
	return rng_below(r, 100) < percent;
}

/* Index of a table entry chosen by weight: `w` points at the weight of entry 0, entries are
 * `stride` bytes apart. */
static size_t rng_weighted(struct rng *r, const unsigned char *w, size_t stride, size_t n)
{
	unsigned total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i * stride];
	x = rng_below(r, total);
	for (i = 0; i < n - 1; i++) {
		if (x < w[i * stride])
			break;
		x -= w[i * stride];
	}
	return i;
}

#define PICK(r, table) rng_weighted((r), &(table)[0].weight, sizeof (table)[0], N(table))

/* ---- tables: regions, places, officers, names ---- */

/* What a place trades in; an item is found where its sector is traded. S_DATA: data and
 * trade secrets, found on a company's premises rather than on a shelf. */
enum sector { S_GOODS = 1, S_FOOD = 2, S_AGRI = 4, S_TECH = 8, S_MACH = 16, S_DATA = 32,
	      S_ALL = S_GOODS | S_FOOD | S_AGRI | S_TECH | S_MACH };

/* Division codes of FACTS.md §6 and Beijing/Tianjin districts; `firm` starts firm names. */
struct region {
	const char *code, *firm;
};

enum {
	R_SJZ, R_TS, R_QHD, R_HD, R_XT, R_BD, R_ZJK, R_CD, R_CZ, R_LF, R_HS, R_XJ, R_DZ,
	R_DC, R_XC, R_CY, R_FT, R_HDQ, R_TZ, R_SY, R_HP, R_NK, R_JN, R_BC, R_BH, R_COUNT,
	R_ANY = R_COUNT, /* a platform: the shop may be anywhere */
};

static const struct region regions[R_COUNT] = {
	[R_SJZ] = {"130100", "石家庄"}, [R_TS] = {"130200", "唐山"},
	[R_QHD] = {"130300", "秦皇岛"}, [R_HD] = {"130400", "邯郸"},
	[R_XT] = {"130500", "邢台"},    [R_BD] = {"130600", "保定"},
	[R_ZJK] = {"130700", "张家口"}, [R_CD] = {"130800", "承德"},
	[R_CZ] = {"130900", "沧州"},    [R_LF] = {"131000", "廊坊"},
	[R_HS] = {"131100", "衡水"},    [R_XJ] = {"130181", "辛集"},
	[R_DZ] = {"130682", "定州"},    [R_DC] = {"110101", "北京"},
	[R_XC] = {"110102", "北京"},    [R_CY] = {"110105", "北京"},
	[R_FT] = {"110106", "北京"},    [R_HDQ] = {"110108", "北京"},
	[R_TZ] = {"110112", "北京"},    [R_SY] = {"110113", "北京"},
	[R_HP] = {"120101", "天津"},    [R_NK] = {"120104", "天津"},
	[R_JN] = {"120112", "天津"},    [R_BC] = {"120113", "天津"},
	[R_BH] = {"120116", "天津"},
};

enum place_kind { PK_MARKET, PK_FAIR, PK_SHOP, PK_PLATFORM, PK_OTHER };
static const char *const place_kind_ids[] = {"market", "fair", "shop", "platform", "other"};

struct place {
	const char *name, *address;
	unsigned char region, kind, sectors;
};

static const struct place places[] = {
	{"南三条市场", "石家庄市长安区中山东路南三条", R_SJZ, PK_MARKET, S_GOODS | S_TECH},
	{"新华集贸中心", "石家庄市新华区新华路", R_SJZ, PK_MARKET, S_GOODS | S_FOOD},
	{"石家庄市农资交易市场", "石家庄市藁城区", R_SJZ, PK_MARKET, S_AGRI},
	{"白沟箱包市场", "保定市白沟新城", R_BD, PK_MARKET, S_GOODS},
	{"裕华路商业街", "保定市竞秀区裕华路", R_BD, PK_SHOP, S_GOODS | S_FOOD},
	{"胜芳国际家具博览城", "廊坊市霸州市胜芳镇", R_LF, PK_MARKET, S_GOODS | S_MACH},
	{"新世界商业街", "廊坊市广阳区新华路", R_LF, PK_SHOP, S_GOODS | S_FOOD},
	{"路北区小商品批发市场", "唐山市路北区", R_TS, PK_MARKET, S_GOODS},
	{"荷花坑市场", "唐山市路南区", R_TS, PK_MARKET, S_FOOD | S_AGRI},
	{"明珠国际服装商贸城", "沧州市运河区", R_CZ, PK_MARKET, S_GOODS},
	{"辛集国际皮革城", "辛集市", R_XJ, PK_MARKET, S_GOODS},
	{"清河羊绒小镇", "邢台市清河县", R_XT, PK_MARKET, S_GOODS},
	{"定州市种子农资市场", "定州市", R_DZ, PK_MARKET, S_AGRI},
	{"安平国际丝网交易中心", "衡水市安平县", R_HS, PK_MARKET, S_MACH},
	{"桃城区农资经营部", "衡水市桃城区", R_HS, PK_SHOP, S_AGRI},
	{"人民路商业街", "邯郸市丛台区人民路", R_HD, PK_SHOP, S_GOODS | S_FOOD},
	{"文化路商业街", "秦皇岛市海港区文化路", R_QHD, PK_SHOP, S_GOODS | S_FOOD},
	{"宣化区农贸市场", "张家口市宣化区", R_ZJK, PK_MARKET, S_FOOD | S_AGRI},
	{"南营子大街", "承德市双桥区南营子大街", R_CD, PK_SHOP, S_GOODS | S_FOOD},
	{"秀水街", "北京市朝阳区建国门外大街8号", R_CY, PK_MARKET, S_GOODS},
	{"动物园批发市场", "北京市西城区西直门外大街", R_XC, PK_MARKET, S_GOODS},
	{"大红门服装商贸城", "北京市丰台区大红门路", R_FT, PK_MARKET, S_GOODS},
	{"新发地农产品批发市场", "北京市丰台区新发地", R_FT, PK_MARKET, S_FOOD | S_AGRI},
	{"王府井步行街", "北京市东城区王府井大街", R_DC, PK_SHOP, S_GOODS | S_FOOD},
	{"中关村电子市场", "北京市海淀区中关村大街", R_HDQ, PK_MARKET, S_TECH},
	{"通州万达广场", "北京市通州区新华西街", R_TZ, PK_SHOP, S_GOODS},
	{"滨江道步行街", "天津市和平区滨江道", R_HP, PK_SHOP, S_GOODS | S_FOOD},
	{"古文化街", "天津市南开区古文化街", R_NK, PK_SHOP, S_GOODS},
	{"宜兴埠商贸城", "天津市北辰区宜兴埠镇", R_BC, PK_MARKET, S_GOODS | S_TECH | S_MACH},
	{"保税区进口商品直销中心", "天津市滨海新区保税区", R_BH, PK_SHOP, S_ALL},
	{"中国·廊坊国际经济贸易洽谈会", "廊坊国际会展中心", R_LF, PK_FAIR, S_ALL},
	{"中国白沟箱包交易会", "白沟国际箱包交易中心", R_BD, PK_FAIR, S_GOODS},
	{"中国国际数字经济博览会", "石家庄国际会展中心", R_SJZ, PK_FAIR, S_TECH},
	{"北京国际图书博览会", "中国国际展览中心（顺义馆）", R_SY, PK_FAIR, S_GOODS},
	{"中国（天津）国际汽车展览会", "国家会展中心（天津）", R_JN, PK_FAIR, S_TECH},
	{"中关村软件园", "北京市海淀区东北旺西路8号", R_HDQ, PK_OTHER, S_DATA},
	{"天津滨海高新技术产业开发区", "天津市滨海新区海泰发展六道", R_BH, PK_OTHER, S_DATA},
	{"石家庄高新技术产业开发区", "石家庄市裕华区黄河大道", R_SJZ, PK_OTHER, S_DATA},
	{"保定国家高新技术产业开发区", "保定市竞秀区朝阳北大街", R_BD, PK_OTHER, S_DATA | S_MACH},
	{"廊坊经济技术开发区", "廊坊市广阳区华祥路", R_LF, PK_OTHER, S_DATA | S_MACH},
	{"淘宝网", NULL, R_ANY, PK_PLATFORM, S_ALL},
	{"拼多多", NULL, R_ANY, PK_PLATFORM, S_ALL},
	{"京东商城", NULL, R_ANY, PK_PLATFORM, S_ALL},
	{"抖音电商", NULL, R_ANY, PK_PLATFORM, S_ALL},
	{"闲鱼", NULL, R_ANY, PK_PLATFORM, S_GOODS | S_TECH},
};

struct officer {
	const char *name, *cert;
};

static const struct officer officers[] = {
	{"王建国", "13010001"}, {"李敏", "13010002"},   {"赵志强", "13010003"},
	{"刘芳", "13010004"},   {"陈晓东", "13010005"}, {"杨丽娜", "13010006"},
	{"孙海涛", "13010007"}, {"周静", "13010008"},
};
#define NOFF ((unsigned)N(officers)) /* officer index meaning "this workspace's officer" */

static const char *const surnames[] = {
	"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "郑",
};
static const char *const given_names[] = {
	"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军",
	"洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
	"平", "刚", "桂英", "建华", "志刚", "海燕", "玉兰", "春梅", "国庆", "红梅",
};
static const char *const firm_words[] = {
	"鑫瑞", "恒通", "华盛", "宏达", "金诺", "博远", "聚丰", "永兴",
	"德润", "佳和", "润泽", "盛世", "天成", "广源", "汇通", "启明",
};
static const char *const firm_suffixes[] = {
	"商贸有限公司", "贸易有限公司", "服饰有限公司", "科技有限公司",
	"电子商务有限公司", "实业有限公司", "百货有限公司",
};
static const char *const phone_prefixes[] = {"135", "138", "139", "150", "152", "158", "186", "187"};

/* ---- tables: IP types and what is infringed ---- */

struct item {
	const char *label;  /* in the title: 耐克运动鞋 */
	const char *goods;  /* 运动鞋 */
	const char *unit;   /* 双 */
	const char *holder; /* the rights holder, NULL for counterfeit patents */
	unsigned char sector;
};

static const struct item tm_items[] = {
	{"耐克运动鞋", "运动鞋", "双", "耐克创新有限合伙公司", S_GOODS},
	{"阿迪达斯运动服", "运动服", "件", "阿迪达斯有限公司", S_GOODS},
	{"路易威登女包", "女包", "个", "路易威登马利蒂", S_GOODS},
	{"香奈儿香水", "香水", "瓶", "香奈儿股份有限公司", S_GOODS},
	{"古驰腰带", "腰带", "条", "古乔古希股份公司", S_GOODS},
	{"李宁运动鞋", "运动鞋", "双", "李宁（中国）体育用品有限公司", S_GOODS},
	{"安踏运动服", "运动服", "件", "安踏（中国）有限公司", S_GOODS},
	{"贵州茅台酒", "白酒", "瓶", "中国贵州茅台酒厂（集团）有限责任公司", S_FOOD},
	{"五粮液酒", "白酒", "瓶", "宜宾五粮液股份有限公司", S_FOOD},
	{"苹果手机充电器", "充电器", "个", "苹果公司", S_TECH},
	{"华为手机壳", "手机壳", "个", "华为技术有限公司", S_TECH},
	{"小米移动电源", "移动电源", "个", "小米科技有限责任公司", S_TECH},
	{"三星存储卡", "存储卡", "张", "三星电子株式会社", S_TECH},
};
static const struct item invention_items[] = {
	{"一种锂离子电池隔膜", "锂电池", "组", "宁德时代新能源科技股份有限公司", S_TECH},
	{"一种LED驱动电路", "LED灯具", "套", "欧普照明股份有限公司", S_TECH},
	{"一种空气净化装置", "空气净化器", "台", "北京智米科技有限公司", S_TECH},
};
static const struct item utility_items[] = {
	{"一种折叠式晾衣架", "晾衣架", "个", "保定市晾霸智能科技有限公司", S_GOODS},
	{"一种丝网编织机", "丝网编织机", "台", "安平县恒泰丝网机械有限公司", S_MACH},
	{"一种电动车控制器", "控制器", "个", "天津爱玛科技股份有限公司", S_TECH | S_MACH},
};
static const struct item design_items[] = {
	{"电动自行车", "电动自行车", "辆", "雅迪科技集团有限公司", S_TECH},
	{"保温杯", "保温杯", "个", "浙江哈尔斯真空器皿股份有限公司", S_GOODS},
	{"儿童推车", "儿童推车", "辆", "好孩子儿童用品有限公司", S_GOODS},
	{"拉杆箱", "拉杆箱", "个", "新秀丽知识产权控股有限公司", S_GOODS},
};
static const struct item copyright_items[] = {
	{"盗版《三体》图书", "图书", "册", "重庆出版社有限责任公司", S_GOODS},
	{"奥特曼玩具", "玩具", "个", "上海新创华文化发展有限公司", S_GOODS},
	{"迪士尼卡通形象文具", "文具", "套", "迪士尼企业公司", S_GOODS},
	{"盗版操作系统光盘", "光盘", "张", "微软公司", S_TECH},
};
static const struct item gi_items[] = {
	{"赵县雪花梨", "梨", "箱", "赵县雪花梨协会", S_FOOD},
	{"深州蜜桃", "蜜桃", "箱", "深州市蜜桃协会", S_FOOD},
	{"五常大米", "大米", "袋", "五常市大米协会", S_FOOD},
	{"阳澄湖大闸蟹", "大闸蟹", "盒", "苏州市阳澄湖大闸蟹行业协会", S_FOOD},
	{"西湖龙井", "茶叶", "盒", "杭州市西湖区龙井茶产业协会", S_FOOD},
	{"宣化牛奶葡萄", "葡萄", "箱", "张家口市宣化区葡萄协会", S_FOOD},
};
static const struct item secret_items[] = {
	{"丝网产品客户名单", "客户资料", "份", "安平县恒泰丝网机械有限公司", S_DATA},
	{"箱包设计图纸", "设计图纸", "份", "保定市白沟新城宏达箱包有限公司", S_DATA},
};
static const struct item plant_items[] = {
	{"郑单958玉米种子", "玉米种子", "袋", "河南省农业科学院", S_AGRI},
	{"京科968玉米种子", "玉米种子", "袋", "北京市农林科学院", S_AGRI},
	{"济麦22小麦种子", "小麦种子", "袋", "山东省农业科学院作物研究所", S_AGRI},
};
static const struct item layout_items[] = {
	{"电源管理芯片", "芯片", "片", "矽力杰半导体技术（杭州）有限公司", S_TECH},
	{"存储器控制芯片", "芯片", "片", "兆易创新科技集团股份有限公司", S_TECH},
};
static const struct item data_items[] = {
	{"企业信用信息数据集", "数据文件", "份", "北京启明星辰数据科技有限公司", S_DATA},
	{"商品价格监测数据集", "数据文件", "份", "天津汇通数据服务有限公司", S_DATA},
};
static const struct item special_items[] = {
	{"冰墩墩玩偶", "玩偶", "个", "北京2022年冬奥会和冬残奥会组织委员会", S_GOODS},
	{"奥林匹克五环标志T恤", "T恤", "件", "中国奥林匹克委员会", S_GOODS},
};
static const struct item counterfeit_items[] = {
	{"标注虚假专利号的保温杯", "保温杯", "个", NULL, S_GOODS},
	{"标注失效专利号的电动牙刷", "电动牙刷", "支", NULL, S_TECH},
	{"标注“专利产品”字样的护膝", "护膝", "副", NULL, S_GOODS},
};

struct ip_def {
	const char *id;
	unsigned char weight;
	const char *titles[2];   /* prefixes of the title, the second may be NULL */
	const char *penalty;     /* the penalty of a decision, NULL for the common ones */
	bool fine;               /* does a penalty decision carry a fine? */
	const struct item *items;
	size_t nitems;
};

#define ITEMS(a) (a), N(a)
/* In the order of case_ip_types, so the first cases cover every type. */
static const struct ip_def ip_defs[] = {
	{"invention_patent", 4, {"发明专利侵权纠纷案", NULL}, "责令立即停止侵权行为", false,
	 ITEMS(invention_items)},
	{"utility_model", 5, {"实用新型专利侵权纠纷案", NULL}, "责令立即停止侵权行为", false,
	 ITEMS(utility_items)},
	{"design_patent", 7, {"外观设计专利侵权纠纷案", NULL}, "责令立即停止侵权行为，销毁侵权产品",
	 false, ITEMS(design_items)},
	{"trademark", 45, {"销售侵犯注册商标专用权商品案", "侵犯注册商标专用权案"}, NULL, true,
	 ITEMS(tm_items)},
	{"copyright", 8, {"销售侵权复制品案", "侵犯著作权案"}, NULL, true, ITEMS(copyright_items)},
	{"geographical_indication", 6, {"擅自使用地理标志案", "销售假冒地理标志产品案"}, NULL, true,
	 ITEMS(gi_items)},
	{"trade_secret", 2, {"侵犯商业秘密案", NULL}, NULL, true, ITEMS(secret_items)},
	{"plant_variety", 4, {"销售侵权植物新品种繁殖材料案", "侵犯植物新品种权案"}, NULL, true,
	 ITEMS(plant_items)},
	{"layout_design", 1, {"侵犯集成电路布图设计专有权案", NULL}, NULL, true, ITEMS(layout_items)},
	{"data_ip", 2, {"侵犯数据知识产权案", NULL}, NULL, true, ITEMS(data_items)},
	{"special_mark", 4, {"侵犯奥林匹克标志专有权案", "擅自使用特殊标志案"}, NULL, true,
	 ITEMS(special_items)},
	{"counterfeit_patent", 10, {"假冒专利案", NULL}, "责令改正并予公告，没收违法所得，并处罚款",
	 true, ITEMS(counterfeit_items)},
};

/* ---- tables: procedure ---- */

enum { F_FILED = 1, F_DECIDED = 2, F_SERVED = 4, F_CLOSED = 8, F_EXEC = 16 };

struct status_def {
	const char *id;
	unsigned char weight, flags;
	const char *note;
};

/* In the order of case_statuses, so the first cases cover every status. */
static const struct status_def statuses[] = {
	{"clue", 8, 0, NULL},
	{"verifying", 8, 0, "正在核查线索，已通知权利人进行侵权比对"},
	{"filed", 6, F_FILED, NULL},
	{"not_filed", 4, 0, "经核查，涉案商品来源合法，不予立案"},
	{"investigating", 14, F_FILED, NULL},
	{"suspended", 2, F_FILED, "等待侵权鉴定意见，案件中止调查"},
	{"terminated", 2, F_FILED, "当事人已依法注销，终止调查"},
	{"investigation_closed", 4, F_FILED, NULL},
	{"legal_review", 4, F_FILED, "已提交法制审核"},
	{"notified", 4, F_FILED, "已送达行政处罚告知书，当事人在陈述申辩期内"},
	{"hearing", 2, F_FILED, "当事人申请听证"},
	{"decided", 5, F_FILED | F_DECIDED, NULL},
	{"served", 4, F_FILED | F_DECIDED | F_SERVED, NULL},
	{"executing", 3, F_FILED | F_DECIDED | F_SERVED | F_EXEC, "当事人申请分期缴纳罚款"},
	{"transferred", 4, 0, "涉案金额较大，涉嫌构成犯罪，移送公安机关"},
	{"closed", 18, F_FILED | F_DECIDED | F_SERVED | F_CLOSED, NULL},
	{"archived", 12, F_FILED | F_DECIDED | F_SERVED | F_CLOSED, NULL},
};

struct weighted {
	const char *id;
	unsigned char weight;
};

/* ecommerce and trade_fair come from the place (see case_source). */
static const struct weighted sources[] = {
	{"inspection", 30}, {"complaint", 24}, {"report", 12},  {"transfer_in", 6},
	{"assigned", 5},    {"hotline_12345", 9}, {"customs", 2}, {"other", 2},
};

static const struct weighted decisions[] = {
	{"penalty", 75}, {"no_penalty", 10}, {"transfer_other", 5}, {"transfer_judicial", 10},
};

static const char *const decision_notes[] = {
	NULL, "初次违法且危害后果轻微并及时改正，依法不予行政处罚",
	"不属于本机关管辖，移送有管辖权的市场监管部门", "涉嫌构成犯罪，移送公安机关",
};

static const char *const penalties[] = {
	"没收侵权商品并处罚款", "责令停止侵权行为，没收侵权商品，并处罚款",
	"没收违法所得和侵权商品，并处罚款",
};
static const char *const fines[] = {
	"2000", "5000", "8000", "10000", "20000", "30000", "50000", "80000", "100000", "150000",
	"200000", "300000",
};
static const char *const confiscations[] = {"860", "1250", "2380.50", "4600", "9800", "15600.80"};

enum ev_shape { EV_TEXT, EV_GOODS, EV_COUNT }; /* text / pre+goods+N+unit / pre+N+post */

struct ev_def {
	const char *kind;
	unsigned char weight, shape;
	const char *pre, *post;
};

/* Goods that are data are extracted from computers rather than seized. */
static const struct ev_def ev_data = {"electronic_data", 0, EV_GOODS, "提取涉嫌侵权", NULL};

static const struct ev_def ev_defs[] = {
	{"physical", 30, EV_GOODS, "现场查获涉嫌侵权", NULL},
	{"sample", 6, EV_GOODS, "抽样取证涉嫌侵权", NULL},
	{"photo", 16, EV_COUNT, "现场检查照片", "张"},
	{"document", 12, EV_COUNT, "当事人进货单据及销售记录", "份"},
	{"electronic_data", 8, EV_COUNT, "网店商品页面截图及交易记录", "页"},
	{"statement", 8, EV_COUNT, "当事人询问笔录（共", "页）"},
	{"appraisal", 6, EV_TEXT, "权利人出具的鉴定意见：涉案商品系侵权产品", NULL},
	{"witness", 3, EV_TEXT, "市场管理方工作人员证人证言", NULL},
	{"audio_video", 5, EV_COUNT, "执法记录仪现场视频", "段"},
	{"inspection_record", 6, EV_TEXT, "现场检查笔录", NULL},
};

/* ---- dates ---- */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void put_digits(char *out, int v, int n)
{
	while (n--) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* "YYYY-MM-DD" of a day number. */
static void fmt_date(char out[11], int days)
{
	int z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;

	put_digits(out, yoe + era * 400 + (m <= 2), 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

/* "YYYY-MM-DDTHH:MM" on `days` during office hours. */
static void fmt_moment(struct rng *r, char out[17], int days)
{
	fmt_date(out, days);
	out[10] = 'T';
	put_digits(out + 11, 8 + (int)rng_below(r, 10), 2);
	out[13] = ':';
	put_digits(out + 14, (int)rng_below(r, 60), 2);
	out[16] = '\0';
}

/* ---- one case ---- */

struct gen {
	db *d;
	struct rng r;
	uint64_t seed;
	const struct db_identity *self;
	bool self_ok; /* the workspace's officer has a name and a certificate */
	int day0;     /* 2025-01-01 */
};

struct demo_case {
	const struct status_def *st;
	const struct ip_def *ip;
	const struct item *it;
	const struct place *pl;
	const char *source;
	unsigned region, off[2];
	int clue, filed, decided, served, closed; /* day numbers */
	long goods;                               /* pieces found */
	bool inspected;
	char id[37];
	char spot[LINE];  /* stall or shop where the goods were: 南三条市场B区128号 */
	char by[160];     /* 王建国、李敏 */
};

/* A record that cannot take a field is dropped (*o becomes NULL): put() then fails with
 * out of memory rather than write it without the field. */
static void sets(json_t **o, const char *key, const char *value)
{
	if (*o && value && json_object_set_new_nocheck(*o, key, json_string_nocheck(value))) {
		json_decref(*o);
		*o = NULL;
	}
}

static void set_date(json_t **o, const char *key, int days)
{
	char s[11];

	fmt_date(s, days);
	sets(o, key, s);
}

static const struct officer *officer_of(const struct gen *g, unsigned i, struct officer *tmp)
{
	if (i < NOFF)
		return &officers[i];
	tmp->name = g->self->officer;
	tmp->cert = g->self->cert;
	return tmp;
}

static json_t *handlers_json(const struct gen *g, const struct demo_case *c)
{
	json_t *list = json_array();
	struct officer tmp;

	for (int i = 0; list && i < 2; i++) {
		const struct officer *o = officer_of(g, c->off[i], &tmp);
		json_t *h = json_object();
		sets(&h, "name", o->name);
		sets(&h, "cert", o->cert);
		if (json_array_append_new(list, h)) { /* not a case with one handler less */
			json_decref(list);
			list = NULL;
		}
	}
	return list;
}

/* Two distinct officers; on half the cases the workspace's own officer leads. */
static void pick_officers(struct gen *g, struct demo_case *c)
{
	struct officer tmp;

	c->off[0] = rng_below(&g->r, NOFF);
	c->off[1] = rng_below(&g->r, NOFF - 1);
	if (c->off[1] >= c->off[0])
		c->off[1]++;
	if (g->self_ok && rng_chance(&g->r, 50)) {
		c->off[0] = NOFF;
		if (strcmp(officers[c->off[1]].cert, g->self->cert) == 0)
			c->off[1] = (c->off[1] + 1) % NOFF;
	}
	snprintf(c->by, sizeof c->by, "%s、%s", officer_of(g, c->off[0], &tmp)->name,
		 officers[c->off[1]].name);
}

/* A place whose trade fits the item: rejection sampling, platforms sell everything. */
static const struct place *pick_place(struct rng *r, unsigned char sector)
{
	for (int tries = 0; tries < 64; tries++) {
		const struct place *p = &places[rng_below(r, N(places))];
		if (p->sectors & sector)
			return p;
	}
	for (size_t i = 0; i < N(places); i++)
		if (places[i].sectors & sector)
			return &places[i];
	return &places[0];
}

static void pick_spot(struct rng *r, struct demo_case *c)
{
	const struct place *p = c->pl;
	unsigned n = 1 + rng_below(r, 300);

	switch (p->kind) {
	case PK_MARKET:
		snprintf(c->spot, sizeof c->spot, "%s%s%c区%u号", p->address, p->name,
			 'A' + (int)rng_below(r, 6), n);
		break;
	case PK_FAIR:
		snprintf(c->spot, sizeof c->spot, "%s%s%u号展位", p->address, p->name, n);
		break;
	case PK_SHOP:
		snprintf(c->spot, sizeof c->spot, "%s%u号", p->address, n);
		break;
	case PK_OTHER:
		snprintf(c->spot, sizeof c->spot, "%s%s%u号楼", p->address, p->name, 1 + n % 40);
		break;
	default: /* 拼多多店铺“恒通运动鞋店” */
		snprintf(c->spot, sizeof c->spot, "%s店铺“%s%s店”", p->name,
			 firm_words[rng_below(r, N(firm_words))], c->it->goods);
	}
}

static const char *case_source(struct rng *r, const struct place *p)
{
	if (p->kind == PK_PLATFORM && rng_chance(r, 70))
		return "ecommerce";
	if (p->kind == PK_FAIR && rng_chance(r, 70))
		return "trade_fair";
	return sources[PICK(r, sources)].id;
}

/* Dates of the steps the status has reached: filing within days of the clue, the decision
 * within the 90 days of 行政处罚法 art. 60, service within 7 days, closing after payment. */
static void pick_dates(struct gen *g, struct demo_case *c)
{
	struct rng *r = &g->r;

	c->clue = g->day0 + (int)rng_below(r, 486); /* 2025-01-01 … 2026-05-01 */
	c->filed = c->clue + 3 + (int)rng_below(r, 13);
	c->decided = c->filed + 25 + (int)rng_below(r, 61);
	c->served = c->decided + 1 + (int)rng_below(r, 7);
	c->closed = c->served + 15 + (int)rng_below(r, 46);
}

/* The first cases take every status and every IP type in turn, the rest are drawn by weight. */
static void pick_case(struct gen *g, long i, struct demo_case *c)
{
	struct rng *r = &g->r;

	c->st = &statuses[i < (long)N(statuses) ? (size_t)i : PICK(r, statuses)];
	c->ip = &ip_defs[i < (long)N(ip_defs) ? (size_t)i : PICK(r, ip_defs)];
	c->it = &c->ip->items[rng_below(r, (unsigned)c->ip->nitems)];
	c->pl = pick_place(r, c->it->sector);
	c->region = c->pl->region == R_ANY ? rng_below(r, R_COUNT) : c->pl->region;
	c->source = case_source(r, c->pl);
	c->goods = c->it->sector == S_DATA ? 1 + (long)rng_below(r, 12)
		 : 5 + (long)rng_below(r, 60) * (1 + (long)rng_below(r, 8));
	c->inspected = rng_chance(r, strcmp(c->source, "inspection") == 0 ? 70 : 20);
	pick_officers(g, c);
	pick_dates(g, c);
	pick_spot(r, c);
}

/* decision_type, penalty, fine, confiscated of a decided case; returns the decision's note. */
static const char *decision_set(struct rng *r, const struct demo_case *c, json_t **o)
{
	size_t k = PICK(r, decisions);

	if (c->st->flags & F_SERVED && !(c->st->flags & F_CLOSED))
		k = k == 1 && !(c->st->flags & F_EXEC) ? 1 : 0; /* served/executing: penalties */
	sets(o, "decision_type", decisions[k].id);
	if (k != 0)
		return decision_notes[k];
	sets(o, "penalty", c->ip->penalty ? c->ip->penalty : penalties[rng_below(r, N(penalties))]);
	if (c->ip->fine) {
		unsigned a = rng_below(r, N(fines)), b = rng_below(r, N(fines));
		sets(o, "fine", fines[a < b ? a : b]); /* small fines are the common ones */
		if (rng_chance(r, 40))
			sets(o, "confiscated", confiscations[rng_below(r, N(confiscations))]);
	}
	return NULL;
}

/* The provisions a decided case of the two kinds FACTS.md §13 gives violated and applied. */
static const struct {
	const char *ip, *violated, *applied;
} provisions[] = {
	{"trademark", "《中华人民共和国商标法》第五十七条", "《中华人民共和国商标法》第六十条第二款"},
	{"counterfeit_patent", "《中华人民共和国专利法》第六十八条", "《中华人民共和国专利法》第六十八条"},
};

static void provisions_set(const struct demo_case *c, json_t **o)
{
	for (size_t i = 0; i < N(provisions); i++)
		if (!strcmp(provisions[i].ip, c->ip->id)) {
			sets(o, "provisions_violated", provisions[i].violated);
			sets(o, "provisions_applied", provisions[i].applied);
		}
}

/* A filed case's cause (its title's words without 案) and the facts found, as its documents
 * state them. */
static void facts_set(const struct demo_case *c, const char *prefix, json_t **o)
{
	char cause[LINE], facts[LINE * 4];
	size_t len = strlen(prefix);

	snprintf(cause, sizeof cause, "%.*s", (int)(len > 3 ? len - 3 : len), prefix); /* 案 */
	snprintf(facts, sizeof facts, "经查，当事人在%s经营%s，执法人员现场查见涉案%s%ld%s，涉嫌%s。",
		 c->spot, c->it->goods, c->it->label, c->goods, c->it->unit, cause);
	sets(o, "cause", cause);
	sets(o, "facts", facts);
}

/* Inspections from April to September, and the cases of trade fairs, were found in a campaign
 * of their year (names for the demo: an office writes its own). */
static void campaign_set(const struct demo_case *c, json_t **o)
{
	bool fair = !strcmp(c->source, "trade_fair");
	char day[11], name[80];
	int month;

	fmt_date(day, c->clue);
	month = atoi(day + 5);
	if (!fair && (strcmp(c->source, "inspection") || month < 4 || month > 9))
		return;
	snprintf(name, sizeof name, fair ? "%.4s年展会知识产权保护专项行动"
		 : "%.4s年知识产权执法专项行动", day);
	sets(o, "campaign", name);
}

static bool archived(const struct demo_case *c)
{
	return strcmp(c->st->id, "archived") == 0;
}

static json_t *case_json(struct gen *g, const struct demo_case *c)
{
	const struct ip_def *ip = c->ip;
	const char *prefix = ip->titles[ip->titles[1] && rng_chance(&g->r, 30)];
	const char *note = c->st->note;
	unsigned flags = c->st->flags;
	char title[LINE];
	json_t *o = json_object();

	if (!o)
		return NULL;
	snprintf(title, sizeof title, "%s（%s）", prefix, c->it->label);
	sets(&o, "title", title);
	sets(&o, "ip_type", ip->id);
	sets(&o, "source", c->source);
	sets(&o, "region", regions[c->region].code);
	sets(&o, "place_kind", place_kind_ids[c->pl->kind]);
	sets(&o, "place", c->pl->name);
	if (json_object_set_new_nocheck(o, "handlers", handlers_json(g, c))) {
		json_decref(o);
		return NULL;
	}
	/* an archived case is read-only: entered closed, archived once its records are in */
	sets(&o, "status", archived(c) ? "closed" : c->st->id);
	set_date(&o, "clue_on", c->clue);
	campaign_set(c, &o);
	if (flags & F_FILED) {
		set_date(&o, "filed_on", c->filed);
		facts_set(c, prefix, &o);
	}
	if (flags & F_DECIDED) {
		const char *why = decision_set(&g->r, c, &o);
		set_date(&o, "decided_on", c->decided);
		set_date(&o, "notified_on", c->decided - 14);
		provisions_set(c, &o);
		note = note ? note : why;
	}
	if (flags & F_SERVED)
		set_date(&o, "served_on", c->served);
	if (flags & F_CLOSED)
		set_date(&o, "closed_on", c->closed);
	sets(&o, "notes", note);
	return o;
}

/* Writes a record of `type` built in `set` (consumed). */
static int put(struct gen *g, const char *type, json_t *set, char id[37], ipc_err *e)
{
	int rc;

	if (!set)
		return err_nomem(e);
	rc = db_write(g->d, type, NULL, set, id, e);
	json_decref(set);
	return rc;
}

static json_t *party_json(const struct demo_case *c, const char *role)
{
	json_t *o = json_object();

	if (o) {
		sets(&o, "case_id", c->id);
		sets(&o, "role", role);
	}
	return o;
}

static void person_name(struct rng *r, char *out, size_t n, const char *suffix)
{
	snprintf(out, n, "%s%s%s", surnames[rng_below(r, N(surnames))],
		 given_names[rng_below(r, N(given_names))], suffix);
}

static void phone(struct rng *r, char out[16])
{
	snprintf(out, 16, "%s%04u%04u", phone_prefixes[rng_below(r, N(phone_prefixes))],
		 rng_below(r, 10000), rng_below(r, 10000));
}

/* GB 32100-2015 (FACTS.md §5): authority 9, type 1, the division, 9 characters of `h`, check. */
static void uscc_make(char out[19], const char *division, struct rng *h)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	unsigned sum = 0, weight = 1;

	out[0] = '9';
	out[1] = '1';
	memcpy(out + 2, division, 6);
	for (int i = 8; i < 17; i++)
		out[i] = alphabet[rng_below(h, 31)];
	for (int i = 0; i < 17; i++) {
		sum += (unsigned)(strchr(alphabet, out[i]) - alphabet) * weight;
		weight = weight * 3 % 31;
	}
	out[17] = alphabet[(31 - sum % 31) % 31];
	out[18] = '\0';
}

/* A company keeps its code across cases: the code is drawn from its name's indexes. */
static void company(struct gen *g, const struct demo_case *c, json_t **o)
{
	unsigned w = rng_below(&g->r, N(firm_words)), s = rng_below(&g->r, N(firm_suffixes));
	struct rng h = {g->seed * 0x2545f4914f6cdd1dULL ^ (c->region << 16 | w << 8 | s)};
	char name[LINE], uscc[19];

	snprintf(name, sizeof name, "%s%s%s", regions[c->region].firm, firm_words[w],
		 firm_suffixes[s]);
	uscc_make(uscc, regions[c->region].code, &h);
	sets(o, "name", name);
	sets(o, "uscc", uscc);
}

static int respondent(struct gen *g, const struct demo_case *c, ipc_err *e)
{
	json_t *o = party_json(c, "respondent");
	char name[LINE];

	if (o && (c->it->sector == S_DATA || rng_chance(&g->r, 60))) {
		company(g, c, &o);
	} else if (o) {
		person_name(&g->r, name, sizeof name, "（个体工商户）");
		sets(&o, "name", name);
	}
	if (o && c->pl->kind != PK_PLATFORM)
		sets(&o, "address", c->spot);
	return put(g, "party", o, NULL, e);
}

/* A complaint from the rights holder's agent, a hotline call, or a report: someone who told
 * the office. Reporters' names, phones and addresses stay confidential (schema FF_REPORTER). */
static int informant(struct gen *g, const struct demo_case *c, ipc_err *e)
{
	bool report = strcmp(c->source, "report") == 0;
	bool hotline = strcmp(c->source, "hotline_12345") == 0;
	json_t *o = party_json(c, report ? "reporter" : "complainant");
	char name[LINE], tel[16];

	if (!o)
		return put(g, "party", o, NULL, e);
	if (report || hotline || !c->it->holder) {
		person_name(&g->r, name, sizeof name, "");
		phone(&g->r, tel);
		sets(&o, "phone", tel);
	} else {
		snprintf(name, sizeof name, "北京%s知识产权代理有限公司（受%s委托）",
			 firm_words[rng_below(&g->r, N(firm_words))], c->it->holder);
	}
	sets(&o, "name", name);
	return put(g, "party", o, NULL, e);
}

static bool has_informant(const struct demo_case *c)
{
	static const char *const with[] = {"complaint", "report", "hotline_12345", "ecommerce"};

	for (size_t i = 0; i < N(with); i++)
		if (strcmp(c->source, with[i]) == 0)
			return true;
	return false;
}

static int parties(struct gen *g, const struct demo_case *c, ipc_err *e)
{
	if (rng_chance(&g->r, strcmp(c->st->id, "clue") == 0 ? 60 : 92) && respondent(g, c, e))
		return -1;
	if (c->it->holder && rng_chance(&g->r, 85)) {
		json_t *o = party_json(c, "rights_holder");
		if (o)
			sets(&o, "name", c->it->holder);
		if (put(g, "party", o, NULL, e))
			return -1;
	}
	return has_informant(c) ? informant(g, c, e) : 0;
}

static void ev_description(struct rng *r, const struct demo_case *c, const struct ev_def *k,
			   char *out, size_t n)
{
	switch (k->shape) {
	case EV_GOODS:
		snprintf(out, n, "%s%s%ld%s", k->pre, c->it->goods, c->goods, c->it->unit);
		break;
	case EV_COUNT:
		snprintf(out, n, "%s%u%s", k->pre, 1 + rng_below(r, 30), k->post);
		break;
	default:
		snprintf(out, n, "%s", k->pre);
	}
}

static int evidence(struct gen *g, const struct demo_case *c, ipc_err *e)
{
	int n = 1 + rng_chance(&g->r, 50);
	char text[LINE], at[17];

	for (int i = 0; i < n; i++) {
		const struct ev_def *k = &ev_defs[PICK(&g->r, ev_defs)];
		json_t *o = json_object();
		if (k->shape == EV_GOODS && c->it->sector == S_DATA)
			k = &ev_data;
		if (o) {
			ev_description(&g->r, c, k, text, sizeof text);
			fmt_moment(&g->r, at, c->clue + (int)rng_below(&g->r, 6));
			sets(&o, "case_id", c->id);
			sets(&o, "kind", k->kind);
			sets(&o, "description", text);
			sets(&o, "collected_at", at);
			sets(&o, "collected_place", c->spot);
			sets(&o, "collected_by", c->by);
		}
		if (put(g, "evidence", o, NULL, e))
			return -1;
	}
	return 0;
}

static void findings(struct rng *r, const struct demo_case *c, char *out, size_t n)
{
	if (c->it->sector == S_DATA)
		snprintf(out, n, "检查当事人经营场所及计算机系统，提取涉嫌侵权%s%ld%s，已制作电子"
			 "数据提取笔录", c->it->goods, c->goods, c->it->unit);
	else if (c->pl->kind == PK_PLATFORM)
		snprintf(out, n, "对%s网店商品页面进行取证，发现涉嫌侵权%s在售，累计销量%ld%s",
			 c->pl->name, c->it->goods, c->goods * 3, c->it->unit);
	else if (rng_chance(r, 15))
		snprintf(out, n, "现场未发现涉嫌侵权商品，已责令当事人规范经营");
	else
		snprintf(out, n, "现场发现涉嫌侵权%s%ld%s，当事人未能提供合法来源证明，依法予以"
			 "登记保存", c->it->goods, c->goods, c->it->unit);
}

static int inspection(struct gen *g, const struct demo_case *c, ipc_err *e)
{
	json_t *o = json_object();
	char text[LINE * 2], at[17];

	if (o) {
		findings(&g->r, c, text, sizeof text);
		fmt_moment(&g->r, at, c->clue);
		sets(&o, "case_id", c->id);
		sets(&o, "place_kind", place_kind_ids[c->pl->kind]);
		sets(&o, "place_name", c->pl->name);
		sets(&o, "address", c->pl->address);
		sets(&o, "region", regions[c->region].code);
		sets(&o, "inspected_at", at);
		if (json_object_set_new_nocheck(o, "inspectors", handlers_json(g, c))) {
			json_decref(o);
			o = NULL;
		}
		sets(&o, "findings", text);
	}
	return put(g, "inspection", o, NULL, e);
}

/* Every third case waiting for its next step asks the head for it, so the approvals screen
 * has work; drawn from the index, not the generator, so the cases stay as they were. */
static int approval(struct gen *g, long i, const struct demo_case *c, ipc_err *e)
{
	static const struct {
		const char *status, *step, *reason;
	} asks[] = {
		{"verifying", "file", "经核查，涉嫌侵权事实基本清楚，建议立案"},
		{"notified", "decision", "当事人未在期限内提出陈述申辩，建议按告知内容作出处罚决定"},
		{"legal_review", "legal_review", "案件调查终结，请法制机构审核"},
	};
	json_t *o;

	if (i % 3)
		return 0;
	for (size_t k = 0; k < N(asks); k++) {
		if (strcmp(c->st->id, asks[k].status))
			continue;
		o = json_object();
		sets(&o, "case_id", c->id);
		sets(&o, "step", asks[k].step);
		sets(&o, "reason", asks[k].reason);
		return put(g, "approval", o, NULL, e);
	}
	return 0;
}

static int demo_case(struct gen *g, long i, ipc_err *e)
{
	struct demo_case c;
	json_t *set;
	int rc;

	pick_case(g, i, &c);
	if (put(g, "case", case_json(g, &c), c.id, e) || parties(g, &c, e) || evidence(g, &c, e)
	    || approval(g, i, &c, e) || (c.inspected && inspection(g, &c, e)))
		return -1;
	if (!archived(&c))
		return 0;
	/* archived a week after closing, on the case's own timeline (not today's date) */
	set = json_pack("{s:s}", "status", "archived");
	set_date(&set, "archived_on", c.closed + 7);
	if (!set)
		return err_nomem(e);
	rc = db_write(g->d, "case", c.id, set, NULL, e);
	json_decref(set);
	return rc;
}

/* The cases, BATCH to a transaction. */
static int demo_write(struct gen *g, long ncases, demo_progress progress, void *arg, ipc_err *e)
{
	for (long i = 0; i < ncases; i++) {
		if (i % BATCH == 0 && db_begin(g->d, e))
			return err_wrap(e, _("demo data"));
		if (demo_case(g, i, e)) {
			db_rollback(g->d);
			return err_wrap(e, _("demo case %ld"), i + 1);
		}
		if (((i + 1) % BATCH == 0 || i + 1 == ncases) && db_commit(g->d, e)) {
			db_rollback(g->d);
			return err_wrap(e, _("demo data, cases up to %ld"), i + 1);
		}
		if (progress && ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == ncases))
			progress(i + 1, ncases, arg);
	}
	if (progress && ncases == 0)
		progress(0, 0, arg);
	return 0;
}

int db_demo(db *d, long ncases, unsigned seed, demo_progress progress, void *arg, ipc_err *e)
{
	struct gen g = {.d = d, .r = {seed}, .seed = seed, .self = db_self(d)};
	int rc;

	if (ncases < 0)
		return err_set(e, _("the number of demo cases cannot be negative"));
	g.self_ok = g.self->officer[0] && g.self->cert[0];
	g.day0 = days_from_civil(2025, 1, 1);
	/* bulk mode (db/db.h, db/search.h): demo data can be written again */
	if (db_bulk(d, true, e) || search_bulk(d, true, e)) {
		db_bulk(d, false, NULL);
		return -1;
	}
	rc = demo_write(&g, ncases, progress, arg, e);
	if (search_bulk(d, false, rc ? NULL : e) && !rc)
		rc = -1;
	return db_bulk(d, false, rc ? NULL : e) || rc ? -1 : 0;
}
