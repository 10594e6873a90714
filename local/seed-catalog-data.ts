// The demo chain's goods (the data; seed-catalog.ts loads it): a convenience-store catalog of
// about 2,000 SKUs in eight departments, with real-looking brands, sizes and prices in fen, and
// valid EAN-13 barcodes under GS1 China prefixes (690-699). Generated, not random: the same run
// after run, so a re-seed finds the same codes. Freshly made food (鲜食) is weighed or labelled
// in store and carries no barcode.
import { withCheckDigit } from '../domain/catalog/barcode.ts';

/** [variant name, price multiple of the line's base price, unit]. */
type Variant = readonly [string, number, string];
type Line = { name: string; code: string; base: number; variants: readonly Variant[]; brands: readonly string[]; products: readonly string[]; barcodes?: false };
type Department = { name: string; lines: readonly Line[] };

const can = (ml: number): Variant => [`${ml}ml 罐装`, ml / 330, '罐'];
const bottle = (ml: number, k: number): Variant => [ml >= 1000 ? `${ml / 1000}L` : `${ml}ml`, k, '瓶'];
const bag = (g: number, k: number): Variant => [`${g}g`, k, '袋'];

export const DEPARTMENTS: readonly Department[] = [
  {
    name: '饮料',
    lines: [
      { name: '碳酸饮料', code: 'CSD', base: 300, variants: [can(330), bottle(500, 1.2), bottle(1250, 2), bottle(2000, 2.8)], brands: ['可口可乐', '百事', '元气森林', '健力宝', '屈臣氏'], products: ['原味汽水', '无糖汽水', '橙味汽水', '柠檬味汽水', '青柠苏打'] },
      { name: '茶饮料', code: 'TEA', base: 350, variants: [bottle(500, 1), bottle(900, 1.6), bottle(1500, 2.3)], brands: ['康师傅', '统一', '农夫山泉', '三得利', '东方树叶'], products: ['冰红茶', '绿茶', '茉莉花茶', '乌龙茶', '柠檬茶', '红茶', '大麦茶'] },
      { name: '果汁', code: 'JUC', base: 450, variants: [bottle(300, 0.8), bottle(450, 1), bottle(1000, 2)], brands: ['汇源', '美汁源', '农夫果园', '零度果坊', '味全'], products: ['橙汁', '苹果汁', '葡萄汁', '桃汁', '芒果汁'] },
      { name: '饮用水', code: 'WAT', base: 200, variants: [bottle(380, 0.8), bottle(550, 1), bottle(1500, 2), ['4L', 4, '桶']], brands: ['农夫山泉', '怡宝', '百岁山', '景田', '娃哈哈'], products: ['饮用天然水', '纯净水', '矿泉水'] },
      { name: '功能饮料', code: 'NRG', base: 600, variants: [can(250), bottle(600, 1.3)], brands: ['红牛', '东鹏特饮', '战马', '魔爪', '脉动'], products: ['能量饮料', '维生素饮料', '电解质水', '运动饮料', '牛磺酸饮料'] },
      { name: '植物蛋白饮料', code: 'PLT', base: 450, variants: [can(240), bottle(1000, 3), ['240ml×20', 16, '箱']], brands: ['露露', '六个核桃', '维他奶', '豆本豆'], products: ['杏仁露', '核桃乳', '原味豆奶', '椰汁'] },
      { name: '咖啡饮料', code: 'COF', base: 700, variants: [['268ml', 1, '瓶'], ['180ml 罐装', 0.8, '罐']], brands: ['雀巢', '星巴克', '贝纳颂', '三得利', 'Costa'], products: ['拿铁咖啡', '美式咖啡', '摩卡咖啡', '丝滑拿铁', '燕麦拿铁'] },
    ],
  },
  {
    name: '零食',
    lines: [
      { name: '膨化食品', code: 'PUF', base: 650, variants: [bag(40, 0.6), bag(70, 1), bag(135, 1.8), bag(200, 2.5)], brands: ['乐事', '可比克', '上好佳', '旺旺', '好丽友'], products: ['原味薯片', '番茄味薯片', '黄瓜味薯片', '烧烤味薯片', '虾条', '玉米片'] },
      { name: '饼干糕点', code: 'BIS', base: 800, variants: [['独立小包', 0.3, '包'], bag(100, 0.7), ['200g', 1.2, '盒'], ['400g', 2, '盒']], brands: ['奥利奥', '康师傅', '达利园', '嘉士利', '好丽友'], products: ['夹心饼干', '苏打饼干', '蛋黄派', '威化饼干', '牛奶饼干', '瑞士卷'] },
      { name: '糖果巧克力', code: 'CND', base: 900, variants: [['单条', 0.5, '条'], bag(100, 1), ['230g', 2, '盒']], brands: ['德芙', '士力架', '大白兔', '阿尔卑斯', '彩虹', '费列罗', '旺仔'], products: ['牛奶巧克力', '黑巧克力', '奶糖', '硬糖', '软糖'] },
      { name: '坚果炒货', code: 'NUT', base: 1500, variants: [bag(50, 0.5), bag(150, 1.2), bag(500, 3.5)], brands: ['三只松鼠', '良品铺子', '洽洽', '百草味'], products: ['每日坚果', '开心果', '夏威夷果', '香瓜子', '碧根果', '腰果'] },
      { name: '海苔果干', code: 'DRY', base: 1000, variants: [bag(30, 0.5), bag(80, 1), bag(200, 2)], brands: ['波力', '美好时光', '百草味', '良品铺子'], products: ['海苔', '芒果干', '葡萄干', '山楂条', '猕猴桃干'] },
      { name: '果冻布丁', code: 'JLY', base: 500, variants: [['单杯', 0.4, '杯'], ['6杯装', 2, '排']], brands: ['喜之郎', '亲亲', '旺旺'], products: ['什锦果冻', '芒果布丁', '吸吸果冻', '椰果果冻'] },
      { name: '肉干肉脯', code: 'JRK', base: 1800, variants: [bag(60, 0.6), bag(100, 1), bag(200, 1.9)], brands: ['良品铺子', '科尔沁', '双汇', '周黑鸭'], products: ['牛肉干', '猪肉脯', '鸭脖', '鸡爪', '火腿肠'] },
    ],
  },
  {
    name: '方便食品',
    lines: [
      { name: '方便面', code: 'NDL', base: 450, variants: [['袋装', 0.8, '袋'], ['桶装', 1.2, '桶'], ['五连包', 3.5, '包']], brands: ['康师傅', '统一', '今麦郎', '白象', '日清'], products: ['红烧牛肉面', '老坛酸菜面', '香辣牛肉面', '鲜虾鱼板面', '藤椒牛肉面', '番茄鸡蛋面', '麻辣牛肉面', '海鲜面'] },
      { name: '自热食品', code: 'HOT', base: 2500, variants: [['单盒', 1, '盒']], brands: ['自嗨锅', '海底捞', '莫小仙', '开小灶'], products: ['麻辣火锅', '番茄牛腩饭', '煲仔饭', '螺蛳粉', '酸辣粉'] },
      { name: '罐头', code: 'CAN', base: 1200, variants: [['小罐', 1, '罐'], ['大罐', 1.7, '罐']], brands: ['梅林', '古龙', '林家铺子'], products: ['午餐肉', '黄桃罐头', '豆豉鲮鱼', '橘子罐头'] },
      { name: '速食粥', code: 'CON', base: 500, variants: [['罐装', 1, '罐'], ['杯装', 1.3, '杯']], brands: ['娃哈哈', '银鹭', '泰奇'], products: ['八宝粥', '黑米粥', '桂圆莲子粥', '燕麦粥'] },
    ],
  },
  {
    name: '乳制品',
    lines: [
      { name: '牛奶', code: 'MLK', base: 350, variants: [['250ml 盒装', 1, '盒'], ['950ml', 3.5, '瓶'], ['250ml×12', 11, '箱']], brands: ['伊利', '蒙牛', '光明', '特仑苏', '金典', '三元', '君乐宝'], products: ['纯牛奶', '低脂牛奶', '高钙牛奶', '有机纯牛奶'] },
      { name: '酸奶', code: 'YGT', base: 600, variants: [['100g×8', 2, '排'], ['200g', 1, '杯'], ['1kg', 3.2, '桶']], brands: ['安慕希', '光明', '纯甄', '简爱', '卡士', '伊利', '君乐宝'], products: ['原味酸奶', '草莓酸奶', '黄桃酸奶', '无蔗糖酸奶'] },
      { name: '奶酪黄油', code: 'CHS', base: 2000, variants: [['小包', 0.6, '包'], ['家庭装', 1.5, '盒']], brands: ['妙可蓝多', '百吉福', '安佳'], products: ['奶酪棒', '芝士片', '黄油', '马苏里拉'] },
      { name: '乳饮料', code: 'MKD', base: 400, variants: [bottle(100, 0.6), bottle(340, 1), ['250ml 盒装', 0.9, '盒']], brands: ['养乐多', '优酸乳', 'AD钙奶', '营养快线'], products: ['原味', '草莓味', '菠萝味'] },
    ],
  },
  {
    name: '日用品',
    lines: [
      { name: '纸品', code: 'TIS', base: 500, variants: [['单包', 0.6, '包'], ['3包', 1.6, '提'], ['10卷', 4, '提']], brands: ['维达', '清风', '心相印', '洁柔'], products: ['抽纸', '手帕纸', '卷纸', '湿巾'] },
      { name: '个人护理', code: 'PCR', base: 1500, variants: [['旅行装', 0.5, '支'], ['标准装', 1, '瓶']], brands: ['高露洁', '佳洁士', '海飞丝', '舒肤佳', '妮维雅'], products: ['牙膏', '牙刷', '洗发水', '沐浴露', '洗面奶', '护手霜'] },
      { name: '清洁用品', code: 'CLN', base: 1200, variants: [['500g', 1, '瓶'], ['1kg', 1.8, '瓶']], brands: ['蓝月亮', '立白', '超能', '威猛先生'], products: ['洗衣液', '洗洁精', '洁厕灵', '消毒液'] },
      { name: '卫生用品', code: 'SAN', base: 1500, variants: [['10片', 1, '包'], ['20片', 1.8, '包']], brands: ['苏菲', '护舒宝', '七度空间', 'ABC'], products: ['日用卫生巾', '夜用卫生巾', '护垫'] },
      { name: '电池文具', code: 'BAT', base: 800, variants: [['单个', 0.4, '个'], ['4粒装', 1, '卡'], ['8粒装', 1.8, '卡']], brands: ['南孚', '双鹿', '晨光', '得力'], products: ['5号电池', '7号电池', '中性笔', '胶带', '笔记本'] },
    ],
  },
  {
    name: '冷冻食品',
    lines: [
      { name: '冰淇淋', code: 'ICE', base: 500, variants: [['单支', 1, '支'], ['家庭装', 5, '盒']], brands: ['伊利', '蒙牛', '和路雪', '八喜', '钟薛高'], products: ['香草冰淇淋', '巧克力雪糕', '红豆冰棍', '抹茶冰淇淋', '芒果雪糕'] },
      { name: '速冻食品', code: 'FRZ', base: 1800, variants: [['500g', 1, '袋'], ['1kg', 1.8, '袋']], brands: ['思念', '湾仔码头', '三全', '必品阁'], products: ['猪肉白菜水饺', '三鲜水饺', '黑芝麻汤圆', '小笼包', '葱油饼'] },
    ],
  },
  {
    name: '烟酒',
    lines: [
      { name: '香烟', code: 'CIG', base: 3500, variants: [['包', 1, '包'], ['条', 10, '条']], brands: ['中华', '玉溪', '黄鹤楼', '利群', '南京', '芙蓉王'], products: ['硬盒', '软盒', '细支'] },
      { name: '啤酒', code: 'BER', base: 600, variants: [can(330), can(500), bottle(600, 1.3), ['330ml×6', 5.5, '组']], brands: ['青岛啤酒', '雪花', '百威', '哈尔滨', '燕京', '喜力', '乌苏'], products: ['经典啤酒', '纯生啤酒', '精酿白啤', '淡爽啤酒'] },
      { name: '白酒', code: 'BAI', base: 2500, variants: [bottle(100, 0.5), bottle(250, 1.2), bottle(500, 2.4)], brands: ['牛栏山', '红星', '江小白', '泸州老窖'], products: ['二锅头', '清香型白酒', '浓香型白酒'] },
    ],
  },
  {
    name: '鲜食',
    lines: [
      { name: '饭团', code: 'ONI', base: 650, variants: [['单个', 1, '个']], brands: ['佳佳鲜厨'], products: ['金枪鱼饭团', '照烧鸡肉饭团', '梅子饭团', '三文鱼饭团', '肉松饭团', '咖喱牛肉饭团'], barcodes: false },
      { name: '便当', code: 'BEN', base: 1800, variants: [['标准份', 1, '份'], ['大份', 1.3, '份']], brands: ['佳佳鲜厨'], products: ['宫保鸡丁饭', '红烧肉饭', '鱼香肉丝饭', '番茄炒蛋饭', '黑椒牛柳饭', '咖喱鸡饭'], barcodes: false },
      { name: '三明治面包', code: 'SND', base: 900, variants: [['单份', 1, '个']], brands: ['佳佳鲜厨', '桃李'], products: ['火腿鸡蛋三明治', '金枪鱼三明治', '牛角包', '肉松面包', '全麦吐司'] },
      { name: '关东煮', code: 'ODN', base: 250, variants: [['单串', 1, '串']], brands: ['佳佳鲜厨'], products: ['鱼丸', '牛肉丸', '海带结', '萝卜', '魔芋丝', '蟹棒', '竹轮', '豆腐'], barcodes: false },
    ],
  },
];

export type SeedSku = { department: string; line: string; product: string; brand: string; code: string; barcode: string; variant: string; unit: string; listPrice: number };

/** Prices as shelves show them: under ¥10 to the 50 fen, above to the yuan, minus 10 fen (¥12.90). */
const shelfPrice = (fen: number): number => (fen < 1000 ? Math.max(50, Math.round(fen / 50) * 50) : Math.round(fen / 100) * 100 - 10);

/** Every demo SKU in catalog order. Each brand has its own GS1 China company prefix (690-699 plus four digits). */
export const demoSkus = (): SeedSku[] => {
  const companies = new Map<string, { prefix: string; next: number }>();
  const company = (brand: string) => {
    let c = companies.get(brand);
    if (!c) companies.set(brand, (c = { prefix: `69${companies.size % 10}${String(1000 + companies.size * 37).padStart(4, '0')}`, next: 1 }));
    return c;
  };
  const skus: SeedSku[] = [];
  for (const department of DEPARTMENTS)
    for (const line of department.lines) {
      let n = 0;
      line.brands.forEach((brand, b) =>
        line.products.forEach((product, p) =>
          line.variants.forEach(([variant, multiple, unit]) => {
            const c = company(brand);
            // A little spread between brands and products, the same on every run.
            const spread = 1 + (((b * 7 + p * 3) % 9) - 4) / 20;
            skus.push({
              department: department.name,
              line: line.name,
              product: `${brand} ${product}`,
              brand,
              code: `${line.code}-${String(++n).padStart(3, '0')}`,
              barcode: line.barcodes === false ? '' : withCheckDigit(`${c.prefix}${String(c.next++).padStart(5, '0')}`),
              variant: line.variants.length > 1 ? variant : '',
              unit,
              listPrice: shelfPrice(line.base * multiple * spread),
            });
          }),
        ),
      );
    }
  return skus;
};

const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The import file for the SKUs, with each line's category id from `categoryIds` (by line name). */
export const catalogCsv = (skus: readonly SeedSku[], categoryIds: ReadonlyMap<string, string>): string =>
  [
    'productName,categoryId,brand,skuCode,barcode,skuName,unit,listPrice',
    ...skus.map((s) => [s.product, categoryIds.get(s.line) ?? '', s.brand, s.code, s.barcode, s.variant, s.unit, String(s.listPrice)].map(cell).join(',')),
  ].join('\n');
