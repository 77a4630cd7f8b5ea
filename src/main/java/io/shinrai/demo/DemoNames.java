package io.shinrai.demo;

/** Invented but realistic customer names in Japanese and English, by segment. */
final class DemoNames {

	private static final String[] JA_FAMILY = { "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田",
			"佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川", "山下", "中島", "石井", "小川" };

	private static final String[] JA_GIVEN = { "太郎", "翔太", "大輔", "健一", "拓也", "直樹", "誠", "陽介", "浩二", "隆", "花子", "美咲",
			"陽子", "恵子", "由美", "愛", "結衣", "さくら", "真由美", "優子", "裕子", "彩", "悠斗", "蓮" };

	private static final String[] JA_STEM = { "山田", "東洋", "日本", "大和", "富士", "三和", "北斗", "青葉", "桜", "中央", "太平洋", "瑞穂",
			"光", "若葉", "丸一", "信越", "関西", "東海", "明和", "昭栄" };

	private static final String[] JA_KIND = { "商事", "工業", "物産", "電機", "製作所", "食品", "建設", "システムズ", "運輸", "化学", "不動産",
			"精工", "ホールディングス", "テクノロジー", "販売" };

	private static final String[] JA_CITY = { "横浜市", "札幌市", "仙台市", "千葉市", "静岡市", "金沢市", "岡山市", "熊本市", "那覇市", "松山市",
			"新潟市", "広島市" };

	private static final String[] JA_OFFICE = { "役所", "水道局", "教育委員会", "交通局", "市民病院" };

	private static final String[] EN_FIRST = { "Emily", "James", "Olivia", "Jack", "Sophie", "Oliver", "Grace", "Harry",
			"Chloe", "George", "Lucy", "Daniel", "Hannah", "Thomas", "Amelia", "Samuel", "Mia", "Joshua", "Ella",
			"William" };

	private static final String[] EN_LAST = { "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans",
			"Thomas", "Roberts", "Walker", "Wright", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood",
			"Harris", "Clarke", "Carter", "Morgan", "Cooper", "King", "Baker", "Turner", "Hill", "Moore", "Parker",
			"Scott" };

	private static final String[] EN_WORD = { "Northwind", "Bluebird", "Summit", "Harbor", "Evergreen", "Silverline",
			"Redwood", "Brightwater", "Crescent", "Oakridge", "Pioneer", "Lakeside", "Ironbridge", "Sterling",
			"Meridian" };

	private static final String[] EN_KIND = { "Logistics", "Foods", "Systems", "Manufacturing", "Consulting", "Retail",
			"Energy", "Health", "Media", "Engineering" };

	private static final String[] EN_SUFFIX = { "Ltd", "Inc.", "LLC", "plc", "Co." };

	private static final String[] EN_TOWN = { "Springfield", "Riverton", "Ashford", "Milton", "Fairview", "Kingsbridge",
			"Westbury", "Lakewood", "Brookfield", "Hampton" };

	private static final String[] EN_AUTHORITY = { "City of %s Council", "%s County Library", "%s Water Authority",
			"%s School District", "%s General Hospital" };

	private DemoNames() {
	}

	static String of(Segment segment, boolean japanese, Rng rng) {
		return switch (segment) {
			case CONSUMER -> japanese ? rng.pick(JA_FAMILY) + " " + rng.pick(JA_GIVEN)
					: rng.pick(EN_FIRST) + " " + rng.pick(EN_LAST);
			case PUBLIC_SECTOR -> japanese ? rng.pick(JA_CITY) + rng.pick(JA_OFFICE)
					: String.format(java.util.Locale.ROOT, rng.pick(EN_AUTHORITY), rng.pick(EN_TOWN));
			default -> japanese ? japaneseCompany(rng) : englishCompany(rng);
		};
	}

	private static String japaneseCompany(Rng rng) {
		String core = rng.pick(JA_STEM) + rng.pick(JA_KIND);
		return switch (rng.nextInt(10)) {
			case 0, 1, 2, 3, 4 -> "株式会社" + core;
			case 5, 6, 7, 8 -> core + "株式会社";
			default -> "合同会社" + core;
		};
	}

	private static String englishCompany(Rng rng) {
		if (rng.chance(0.3)) {
			return rng.pick(EN_LAST) + " & " + rng.pick(EN_LAST) + " " + rng.pick(EN_SUFFIX);
		}
		return rng.pick(EN_WORD) + " " + rng.pick(EN_KIND) + " " + rng.pick(EN_SUFFIX);
	}

	/**
	 * The segments of the demo company's customers, with their share and how active they
	 * are.
	 */
	enum Segment {

		ENTERPRISE("Enterprise", 0.15, 2.5), SMB("SMB", 0.35, 1.0), CONSUMER("Consumer", 0.40, 0.6),
		PUBLIC_SECTOR("Public sector", 0.10, 1.2);

		final String label;

		final double share;

		final double activity;

		Segment(String label, double share, double activity) {
			this.label = label;
			this.share = share;
			this.activity = activity;
		}

		static Segment pick(Rng rng) {
			double[] shares = new double[values().length];
			for (Segment s : values()) {
				shares[s.ordinal()] = s.share;
			}
			return values()[rng.weighted(shares)];
		}

	}

}
