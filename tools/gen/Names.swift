// Place-name material in the style of Jiaxing and Pinghu street signs. Every name is
// invented from these parts; none is taken from a real camera register.

let arterialStems = [
  "中山", "人民", "新华", "解放", "建设", "胜利", "和平", "民主", "健康", "复兴", "光明", "东方",
  "南湖", "环城", "长水", "城南", "城北", "昌盛", "文昌", "广益", "槜李", "禾兴", "秀洲", "洪兴",
  "友谊", "中环", "亚太", "凌公塘", "八字", "花园", "纺工", "大年", "庆丰", "清河", "云东", "白云",
  "高照", "少年", "县前", "学前", "梅湾", "月河", "双溪", "汉城", "东栅", "七星", "余新", "凤桥",
  "大桥", "新丰", "竹林", "王店", "洪合", "新塍", "塘汇", "嘉北", "新城", "长虹", "东升", "西塘",
  "由拳", "烟雨", "越秀", "吉杨", "南溪", "北郊", "乍浦", "独山", "当湖", "钟埭", "曹桥", "新埭",
  "新仓", "林埭", "广陈", "三港", "九龙", "白马", "荷花", "桃园", "振兴", "工业", "兴平", "永安",
]

let localStems = [
  "东湖", "南河", "西门", "北门", "仓河", "广场", "柳堤", "梧桐", "枫林", "秀水", "育才", "新园",
  "东门", "西湖", "长安", "永丰", "福臻", "金桥", "银河", "星光", "明珠", "和睦", "团结", "翠柏",
  "青松", "红旗", "朝阳", "南浦", "北港", "芦湾", "新溪", "三星", "五福", "六里", "双桥", "凤凰",
  "丹桂", "紫薇", "玉兰", "海棠", "芙蓉", "石榴", "桂花", "茶园", "稻香", "渔港", "盐仓", "机械",
  "电力", "邮电", "学院", "建国", "勤俭", "富康", "荷叶", "菱湖", "棉纺", "丝绸", "米市", "油坊",
  "竹器", "铁店", "染坊", "酱园", "书院", "文庙", "城隍", "观前", "坛弄", "马厩", "鸭栏", "鱼行",
]

/// Local streets: every stem with each of the usual endings, interleaved so neighbours differ.
let localStreetNames: [String] = {
  var out: [String] = []
  for suffix in ["街", "路", "巷", "弄"] {
    for stem in localStems { out.append(stem + suffix) }
  }
  return out
}()

/// Arterial names: the stems with 路, then 大道, then 大街, as long as needed.
func arterialName(_ i: Int) -> String {
  let suffixes = ["路", "大道", "大街", "北路", "南路"]
  return arterialStems[i % arterialStems.count] + suffixes[(i / arterialStems.count) % suffixes.count]
}

let estateStems = [
  "阳光", "金色", "锦绣", "翠苑", "东方", "绿洲", "华庭", "御园", "世纪", "和平", "幸福", "香樟",
  "湖滨", "水岸", "春晓", "秋月", "紫金", "丽景", "嘉和", "怡景", "万家", "明月", "清风", "玉泉",
  "桂苑", "梅苑", "兰亭", "竹园", "菊苑", "南湖",
]
let estateEndings = ["花园", "家园", "新村", "公寓", "名苑", "华府"]
let parkEndings = ["公园", "广场", "绿地", "体育公园", "湿地公园"]
let worksEndings = ["道路施工", "拓宽工程", "管网改造施工", "大修工程", "雨污分流施工"]
let demolitionEndings = ["东侧地块拆迁区", "西侧地块拆迁区", "南侧地块拆迁区", "北侧地块拆迁区", "旧城改造拆迁区"]
let renovationEndings = ["集镇环境综合整治区", "老街小城镇整治区", "片区环境综合整治区"]

/// "新埭镇" → "新埭", "当湖街道" → "当湖": the stem that prefixes local names.
func placeStem(_ districtName: String) -> String {
  for suffix in ["街道", "镇", "乡"] where districtName.hasSuffix(suffix) {
    return String(districtName.dropLast(suffix.count))
  }
  return districtName
}
