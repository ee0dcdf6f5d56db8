// Every threshold and word list the parser uses, each with the reason it has the value it has.
// Lengths are in characters of normalized text unless they say "width" (display width in ems:
// a full-width character is 1, a half-width one 0.5).

/** A headline of a Chinese daily runs from 2 to about 36 characters (two halves of ~16 with a space). */
export const TITLE_MAX_CHARS = 36;
/** Unnumbered section headings (小标题) are short phrases; longer lines are prose. */
export const HEADING_MAX_CHARS = 30;
/** A numbered heading (一、…) may carry a clause or two; beyond this it is a paragraph with a lead-in. */
export const NUMBERED_HEADING_MAX_CHARS = 48;
/** Bylines are short: roles plus a handful of 2–4 character names. */
export const BYLINE_MAX_CHARS = 48;
/** A caption rarely runs past a few sentences; longer floating text is prose. */
export const CAPTION_MAX_CHARS = 160;
/** A kicker or rubric sits on one line above the headline and is no longer than a headline. */
export const KICKER_MAX_CHARS = 40;
/** Column rubrics (栏目) are labels, not sentences. */
export const RUBRIC_MAX_CHARS = 16;
/** A line of a page header (date, 第N版, page name) is short. */
export const PAGE_HEADER_MAX_CHARS = 60;
/** Blank lines before a block that mark it as floating (photo captions set apart), as in the sample. */
export const FLOATING_BLANKS = 2;
/** A name in a byline: 2–4 Han characters, or up to 6 for minority and foreign names (韦莎妮娜, 阿卜杜拉). */
export const NAME_MIN = 2;
export const NAME_MAX = 8;

/** A line whose tokens are this many single characters, and this share of all, is letter-spaced. */
export const LETTER_SPACED_MIN_TOKENS = 4;
export const LETTER_SPACED_SHARE = 0.8;
/** Share of non-blank lines followed by a blank line above which the page is "one block a line". */
export const BLOCK_STYLE_BLANK_SHARE = 0.35;
/** In "one printed line a line" pages most lines share one width (the column); this share says so. */
export const PRINTED_LINE_MODE_SHARE = 0.25;
/** …and that width is a newspaper column, far narrower than a paragraph on one line. */
export const PRINTED_LINE_MAX_COLUMN = 30;
/** Lines each side of a line that define its column width: enough for a mode, few enough to stay in one column of briefs. */
export const COLUMN_WINDOW = 12;
/** Chinese paragraphs open with a two-em indent; extractors drop it, leaving the first line two ems short. */
export const PARAGRAPH_INDENT = 2;
/** Body text cannot run wider than its column; a line this much wider (ems) is set across columns. */
export const WIDER_THAN_COLUMN = 1.5;
/** A printed line this close (in ems) to its column width is full: the text runs on. */
export const FULL_LINE_SLACK = 1.0;

// Sentence and clause ends. Closing quotes and brackets after a stop still end the sentence.
export const CLOSERS = "”’\"」』）)】〕》";
export const SENTENCE_STOPS = "。！？!?…";
export const CLAUSE_STOPS = "，,、；;：:—";

/** Markers that open a photo caption. */
export const CAPTION_MARKERS = /^(?:[▲△▼▽◀▶►◄↑↓←→]|图为(?!什么)|(?:上|下|左|右|中|左上|右上|左下|右下|组)图[：:为①-⑩\d]|图[①-⑩\d]+[：:　 ]?)/;
/** A photo credit at the end of a caption: （新华社记者 X 摄）, 张三摄, 新华社发. */
export const PHOTO_CREDIT = /(?:[摄]|(?:新华社|本报)[发]|供图|制图|资料图片|视觉中国|图片来源[:：].*)[)）]?$/;
/** Page and article credits: editors, designers, continuations, photo sources. */
export const CREDIT_PATTERNS: RegExp[] = [
  /^[(（]?(?:本版)?(?:责编|责任编辑|编辑|美编|校对|版式|版式设计|设计|制图|图表|统筹|策划|审校|监制)[：:]/,
  /^[(（]?(?:下转|上接|转第|接第|转)(?:第)?[0-9０-９一二三四五六七八九十]+版/,
  /^[(（](?:本[版文组]|文中|以上|上述)?(?:图片|照片|摄影|图)(?:均)?(?:由|来自|为|来源|据|：|:).*[)）]$/,
  /^[(（]?(?:本栏目|本版|本文)?(?:图片|照片)(?:均)?由.+提供[)）]?$/,
  /^[(（]?(?:本文|本版)?(?:来源|稿件来源|信息来源)[：:]/,
  /^[(（]?(?:本版|本栏)(?:邮箱|电话|投稿)/,
];
/** Author notes: （作者为…）, （作者系…）, （作者单位：…）. */
export const AUTHOR_NOTE = /^[(（](?:本文)?作者(?:为|系|是|单位|简介|分别为|均为|[：:])/;

/** Byline roles, longest first so that 本报记者 wins over 记者. */
export const BYLINE_ROLES = [
  "本报特约记者", "人民日报记者", "新华社记者", "本报见习记者", "本报通讯员", "本报实习生", "本报记者",
  "特约记者", "见习记者", "特约撰稿人", "通讯员", "实习生", "记者", "撰稿", "撰文", "摄影", "作者",
  "文/图", "文／图", "图/文", "图／文", "文图", "口述", "整理", "编译", "文", "图",
  // Traditional forms, for pages in Big5.
  "本報記者", "本報通訊員", "特約記者", "記者", "通訊員", "實習生", "攝影",
];
/** Leading marks that typeset a byline or an author's name (□苏绍坤, ◎张三, ■李四). */
export const BYLINE_MARKS = /^[□◎■●◆○☆★]\s*/;
/** A dateline (电头) opening a news paragraph: 新华社北京1月12日电, 本报北京1月12日电, 本报讯. */
export const DATELINE =
  /^(?:[(（]?(?:新华社|人民日报|本报|中新社|中新网|央视网|人民网|新华网|光明日报|经济日报|[\p{Script=Han}]{2,6}(?:社|网|台|报))(?:[\p{Script=Han}]{0,12}?)(?:\d{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,3})日\s?(?:电|讯)|本报讯|本报电|本報訊|新华社(?:电|讯))[)）]?/u;
/** A dateline cut at the end of a printed line, its 电 on the next: 新华社曼谷1月20日 */
export const DATELINE_HEAD = /^(?:新华社|人民日报|本报|中新社)[\p{Script=Han}]{0,12}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日$/u;
/** Posted correspondents: 本报驻巴西记者, 新华社驻东京记者. */
export const POSTED_ROLE = /^(?:本报|新华社|人民日报|本報)?驻[\p{Script=Han}]{1,8}(?:记者|記者|首席记者)/u;
/** Reporters of a named outlet, with a rank: 经济日报记者, 本报首席记者, 本报特约通讯员, 央视记者. */
export const OUTLET_ROLE = /^(?:本报|央视|央广|[\p{Script=Han}]{2,6}(?:日报|晚报|报|社|台|网|电视台))?(?:首席|特约|见习|实习|高级)?(?:摄影记者|记者|通讯员|评论员)/u;
/** The reporters named in brackets after a dateline: （记者 张三、李四） */
export const DATELINE_REPORTERS = /^\s*[(（]((?:[^()（）]{0,6}?(?:记者|通讯员|实习生|特约记者)[^()（）]{1,60}))[)）]/;

/** Numbering of headings and items, with their levels. */
export const NUMBERINGS: { level: number; pattern: RegExp }[] = [
  // 第一书记, 第五届 are words, not numbering: 第N needs 部分/章/节 or a separator after it.
  { level: 1, pattern: /^(?:第[一二三四五六七八九十百]+(?:(?:部分|章|节)[、，,：:　 ]?|[、，,：:　 ])|[一二三四五六七八九十百]+[、，,.．：:])/ },
  { level: 2, pattern: /^[(（][一二三四五六七八九十百]+[)）]、?/ },
  // "10 时许" and justified lines ("24 小 时") are not numbered: a digit needs . or 、 after it.
  { level: 3, pattern: /^(?:\d{1,2}|[０-９]{1,2})[.．、](?!\d)/ },
  { level: 3, pattern: /^[(（](?:\d{1,2}|[０-９]{1,2})[)）]/ },
  { level: 4, pattern: /^[①-⑳⑴-⒇❶-❿]/ },
];

/** Page header lines: the date with its weekday, 第N版, or the paper's masthead line. */
export const PAGE_HEADER_PATTERNS: RegExp[] = [
  /(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.*(?:星期|周)[一二三四五六日天]/,
  /(?:星期|周)[一二三四五六日天].*(?:19|20)\d{2}\s*年/,
  // 第4版 as a field of the running head, not inside a sentence (本报第1版刊发评论后…).
  /(?:^|\s)第\s*[0-9０-９一二三四五六七八九十]+\s*版(?:\s|$|[：:·|｜])/,
  // The masthead and the date on one line: 人民日报 2023年1月12日
  /^[\p{Script=Han}]{2,8}报\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/u,
  /^[0-9０-９]{1,2}\s*$/,
  /^今日\s*[0-9０-９]+\s*版$/,
  /^(?:19|20)\d{2}[.\-/年]\s*\d{1,2}[.\-/月]\s*\d{1,2}日?$/,
];

/** Words column rubrics (栏目) are made of; a rubric opens or closes with one (评论员观察, 人民时评). */
export const RUBRIC_WORDS = [
  "评论员", "时评", "观察", "视点", "聚焦", "关注", "专栏", "特稿", "访谈", "纪实", "速览", "简讯",
  "短讯", "快讯", "综述", "新论", "学习贯彻", "学习宣传贯彻", "二十大精神", "新时代", "新征程",
  "治国理政", "大家谈", "论坛", "随笔", "杂谈", "走基层", "记者手记", "编后", "今日谈", "社论",
  "特别报道", "图片新闻", "图说", "在一线", "人民眼", "权威发布", "数说", "侧记", "见闻", "锐评",
  "微评", "短评", "读者来信", "回音",
];
/** Names of pages and sections (要闻, 经济): a rubric only when the line is nothing more. */
export const SECTION_NAMES = [
  "要闻", "国内", "国际", "经济", "文化", "体育", "社会", "教育", "科技", "民生", "评论", "理论", "综合",
  "声音", "热点", "镜头", "一线", "解读", "话题", "点评", "副刊", "专题", "视觉", "法治", "健康", "生态",
];
/** Typographic frames of a rubric: 【评论员观察】, 〖要闻〗, ■人民时评. */
export const RUBRIC_FRAME = /^(?:【.+】|〖.+〗|\[.+\]|「.+」|『.+』|[■◆●]{1}.{2,12}[■◆●]?)$/;

/** Common Chinese surnames: a line of 2–4 Han characters after a headline is a byline when it starts with one. */
export const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
/** Two-character surnames: the only way a bare four-character line is a name. */
export const COMPOUND_SURNAMES = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "宇文", "夏侯", "司徒", "端木", "公孙", "西门", "独孤"];
/** News leads: how the first paragraph of a story opens (a date, 近日, 日前, 记者…获悉). */
export const NEWS_LEAD =
  /^(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日|近日|日前|今年以来|去年以来|近年来|连日来|记者[从近日]|据[\p{Script=Han}]{1,8}(?:消息|报道|介绍)|本报讯|新华社)/u;

/** Lines of a masthead above the first article: the paper's name, its Latin name, a page name (要闻). */
export const MASTHEAD = /^(?:[\p{Script=Han}]{1,8}(?:日报|晚报|早报|时报|商报|报)|[A-Z][A-Z .'-]{3,40})$/u;
/** Rubrics under which every short line is the headline of a brief (短讯, 简讯). */
export const BRIEFS_RUBRIC = /(?:短讯|简讯|快讯|速览|速递|简报|一句话新闻|新闻速写|图片新闻|资讯)/;
/** A section of a feature runs to several paragraphs; a brief's text is shorter than this. */
export const SECTION_MIN_CHARS = 300;
/** Bylines that name no person: 本报评论员, 本报特约评论员. */
export const NAMELESS_BYLINE = /^(?:本报|新华社|人民日报)?(?:特约)?评论员$/;

/**
 * Weak evidence that a short line heads a new article (it is not followed by a byline, subheadline or
 * dateline, which settle it). The sum must reach HEADLINE_SCORE_MIN. Weights were set on the golden
 * pages made through real PDFs (npm run eval), each for the reason given.
 */
export const HEADLINE_EVIDENCE = {
  /** Nothing above it but the masthead: the page's first title heads an article. */
  noArticleYet: 3,
  /** Under 短讯/简讯 every short line heads a brief. */
  underBriefsRubric: 3,
  /** A brief's text is short; a feature's section runs on. */
  shortText: 0,
  longText: -1,
  /** The last article closed with an author note, a credit or a closing byline. */
  afterArticleEnd: 1,
  /** Photos and captions between a finished paragraph and this line: an article's end. */
  afterPhotos: 1,
  /** The paragraph above runs on: this line sits inside an article. */
  afterOpenParagraph: -2,
  /** Two halves with a space between them are a headline's form (以…为引领 推动…). */
  twoHalves: 0,
  /** The prose after it opens like a news story (1月12日，近日，本报讯…). */
  newsLead: 2,
  /** Headlines run longer than section headings. */
  longTitle: 0,
  shortTitle: -1,
  /** The article already has section headings: one more is likely. */
  articleHasHeadings: -2,
};
export const HEADLINE_SCORE_MIN = 2;
/** Titles at least this long read as headlines; at most SHORT_TITLE_CHARS as section headings. */
export const LONG_TITLE_CHARS = 14;
export const SHORT_TITLE_CHARS = 8;

/**
 * A line this long is no printed line or paragraph: one block a line puts a paragraph on a line, and the
 * longest paragraphs of the golden pages run to about 250 characters (a long interview answer to a
 * couple of thousand). Past this the extractor lost the line breaks, and the page cannot be parsed
 * into its articles: a warning says so (the text is still published).
 */
export const LONG_LINE_CHARS = 10_000;
/**
 * A broadsheet page printed one line a line has a few thousand lines at most (the golden pages: under
 * 300). A file of more lines is several pages, or a book, in one file: a warning says so.
 */
export const LONG_PAGE_LINES = 20_000;
