// Bulletin-like Chinese text for load tests: sentences of the kinds a station's bulletins
// carry (places, stolen property, suspects, times, plates, contacts, prevention advice) with
// random figures, and after 60 % of them six random characters out of 500 common ones
// (names, details that never repeat). Its DEFLATE ratio is about 5.1, as the week offline
// of issue 15 had (a 774 KB Yjs difference, 151 KB gzipped); `randomText` is the worst
// case (32 characters drawn at random, ratio 3.2).

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const number = (from, span) => from + Math.floor(Math.random() * span);

const PLACES = ['得胜镇', '大庙乡', '青谷村', '竹坪村', '雷鼓镇', '河口村', '马家渡', '石门村', '新街', '老街', '东岭', '西坝'];
const THINGS = ['摩托车', '电动车', '面包车', '手机', '现金', '耕牛', '电缆', '农药', '化肥', '三轮车'];
const PEOPLE = ['男子', '女子', '两名男子', '一名青年', '外地口音男子', '中年妇女'];
const SENTENCES = [
  () => `${pick(PLACES)}${pick(['东', '西', '南', '北'])}头${pick(['农户', '商户', '村民'])}家中${pick(THINGS)}${pick(['被盗', '失窃', '被骗', '被抢', '遗失'])}，损失约${number(1000, 9000)}元。`,
  () => `嫌疑人为${pick(PEOPLE)}，身高约${number(160, 25)}厘米，${pick(['身穿黑色外套', '身穿蓝色夹克', '戴白色头盔', '骑红色摩托车', '驾驶白色面包车'])}，${pick(['操本地口音', '操外地口音', '左手有纹身'])}。`,
  () => `请各所加强${pick(PLACES)}一带${pick(['夜间巡逻', '路口盘查', '重点部位防控', '流动人口排查'])}，发现可疑情况及时报告${pick(['区域中心所', '值班室', '联动指挥部'])}。`,
  () => `${number(1, 12)}月${number(1, 28)}日${number(0, 24)}时许，${pick(PLACES)}发生一起${pick(['盗窃', '诈骗', '抢夺', '纠纷', '交通肇事逃逸'])}案件，车牌号${pick(['湘', '鄂', '黔', '渝'])}${String.fromCharCode(65 + number(0, 26))}${number(10000, 89999)}。`,
  () => `联系人：${pick(['张', '王', '李', '刘', '陈', '杨', '赵', '黄'])}${pick(['警官', '所长', '教导员', '民警'])}，电话${number(13000000000, 999999999)}。`,
  () => `近期${pick(['冒充客服', '刷单返利', '冒充公检法', '网络贷款', '虚假投资'])}诈骗多发，请${pick(['社区民警', '驻村辅警', '联防队员'])}入户宣传，提醒群众不轻信、不转账。`,
];
const COMMON = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';

/** About `bytes` bytes (UTF-8) of bulletin-like text. */
export function proseText(bytes) {
  let text = '';
  while (Buffer.byteLength(text) < bytes) {
    text += pick(SENTENCES)();
    if (Math.random() < 0.6) for (let i = 0; i < 6; i++) text += pick(COMMON);
  }
  return text;
}

/** About `bytes` bytes of characters drawn at random from 32: text that compresses worst. */
export function randomText(bytes) {
  const chars = '流窜诈骗预警被盗摩托车线索通报嫌疑人面包车乡镇派出所联动区域巡逻';
  let text = '';
  while (text.length * 3 < bytes) text += pick(chars);
  return text;
}
