package io.shinrai.demo;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.IncidentType;

/**
 * Comments in Japanese and English, combined from a tone, a sentence about the category,
 * one per incident and an occasional closing, so that thousands of entries read
 * differently.
 */
final class DemoComments {

	enum Tone {

		POSITIVE, NEUTRAL, NEGATIVE

	}

	private static final Map<Tone, String[]> EN_OPENING = Map.of(Tone.POSITIVE,
			new String[] { "Very happy overall.", "Great experience again.", "Thank you for the quick help.",
					"Everything went smoothly." },
			Tone.NEUTRAL, new String[] { "Mostly fine.", "OK, nothing special.", "Some ups and downs." }, Tone.NEGATIVE,
			new String[] { "Disappointed this time.", "Not satisfied.", "This is the second time this happened.",
					"Frankly frustrating." });

	private static final Map<Tone, String[]> JA_OPENING = Map.of(Tone.POSITIVE,
			new String[] { "全体的にとても満足しています。", "今回も良い対応でした。", "迅速に対応していただきありがとうございます。", "すべて順調に進みました。" }, Tone.NEUTRAL,
			new String[] { "おおむね問題ありません。", "特に良くも悪くもありません。", "良い点と悪い点がありました。" }, Tone.NEGATIVE,
			new String[] { "今回は残念でした。", "満足していません。", "同じことが2回目です。", "正直なところ不満です。" });

	private static final Map<Category, String[]> EN_ABOUT = new EnumMap<>(Map.of(Category.PRODUCT,
			new String[] { "The product works exactly as described.", "The product does the job.",
					"The unit stopped working after two weeks." },
			Category.SERVICE,
			new String[] { "The support team listened and solved it on the first call.", "Support was polite but slow.",
					"Nobody called back as promised." },
			Category.PRICE,
			new String[] { "The pricing is clear and fair.", "Pricing is in line with competitors.",
					"The price went up without notice." },
			Category.DELIVERY,
			new String[] { "Delivery arrived on the promised day.",
					"Delivery was on time, the packaging could be better.", "The delivery was three days late." },
			Category.BILLING,
			new String[] { "The invoice was correct and easy to read.", "Billing was fine.",
					"We were charged twice this month." },
			Category.PRIVACY,
			new String[] { "We appreciate how carefully you handle our data.", "No concerns about privacy.",
					"We received marketing we never agreed to." },
			Category.OTHER, new String[] { "Good to see your commitment to the community.", "No strong opinion.",
					"Your recent campaign did not reflect your stated values." }));

	private static final Map<Category, String[]> JA_ABOUT = new EnumMap<>(Map.of(Category.PRODUCT,
			new String[] { "製品は説明どおりに動作しています。", "製品は必要なことはできています。", "2週間で動かなくなりました。" }, Category.SERVICE,
			new String[] { "サポートの方が話をよく聞き、一度で解決してくれました。", "対応は丁寧でしたが時間がかかりました。", "折り返しの電話がありませんでした。" }, Category.PRICE,
			new String[] { "料金体系が明確で納得できます。", "料金は他社と同程度です。", "予告なく値上げされました。" }, Category.DELIVERY,
			new String[] { "約束の日に届きました。", "時間どおりでしたが、梱包は改善の余地があります。", "配送が3日遅れました。" }, Category.BILLING,
			new String[] { "請求書が正確で分かりやすかったです。", "請求は問題ありませんでした。", "今月は二重に請求されました。" }, Category.PRIVACY,
			new String[] { "データの扱いが丁寧で安心しています。", "プライバシーについては特に心配していません。", "同意していない宣伝メールが届きました。" }, Category.OTHER,
			new String[] { "地域への取り組みを評価しています。", "特に意見はありません。", "最近のキャンペーンは御社の理念と合っていないと思います。" }));

	private static final Map<IncidentType, String> EN_INCIDENT = new EnumMap<>(Map.ofEntries(
			Map.entry(IncidentType.MISLEADING_CLAIM, "The brochure promised features that do not exist."),
			Map.entry(IncidentType.HIDDEN_INFORMATION, "Important terms were not mentioned until after we signed."),
			Map.entry(IncidentType.HIDDEN_FEES, "There was a fee nobody told us about."),
			Map.entry(IncidentType.UNFAIR_PRICING, "Other customers pay much less for the same plan."),
			Map.entry(IncidentType.DATA_MISUSE, "Our contact data was shared without consent."),
			Map.entry(IncidentType.BROKEN_PROMISE, "You promised a fix by Friday and nothing happened."),
			Map.entry(IncidentType.INCONSISTENT_SERVICE, "Every agent tells us something different."),
			Map.entry(IncidentType.INSUFFICIENT_SUPPORT, "We waited over an hour on the phone."),
			Map.entry(IncidentType.IGNORED_FEEDBACK, "We reported this months ago and were ignored."),
			Map.entry(IncidentType.NO_PERSONALIZATION, "After ten years it feels like you do not know us at all."),
			Map.entry(IncidentType.PRODUCT_DEFECT, "The product arrived damaged."),
			Map.entry(IncidentType.ETHICAL_LAPSE, "The news about your supplier worries us."),
			Map.entry(IncidentType.INAPPROPRIATE_MARKETING, "We keep getting pushy sales calls.")));

	private static final Map<IncidentType, String> JA_INCIDENT = new EnumMap<>(
			Map.ofEntries(Map.entry(IncidentType.MISLEADING_CLAIM, "パンフレットに書かれていた機能がありませんでした。"),
					Map.entry(IncidentType.HIDDEN_INFORMATION, "重要な条件を契約後に初めて知らされました。"),
					Map.entry(IncidentType.HIDDEN_FEES, "説明のなかった手数料を請求されました。"),
					Map.entry(IncidentType.UNFAIR_PRICING, "同じプランなのに他の顧客よりかなり高い料金でした。"),
					Map.entry(IncidentType.DATA_MISUSE, "連絡先が同意なく第三者に共有されていました。"),
					Map.entry(IncidentType.BROKEN_PROMISE, "金曜日までに直すと約束されましたが、何もありませんでした。"),
					Map.entry(IncidentType.INCONSISTENT_SERVICE, "担当者によって言うことが違います。"),
					Map.entry(IncidentType.INSUFFICIENT_SUPPORT, "電話で1時間以上待たされました。"),
					Map.entry(IncidentType.IGNORED_FEEDBACK, "数か月前に報告しましたが、何の対応もありません。"),
					Map.entry(IncidentType.NO_PERSONALIZATION, "10年来の取引なのに、まったく覚えてもらえていないようです。"),
					Map.entry(IncidentType.PRODUCT_DEFECT, "届いた製品が破損していました。"),
					Map.entry(IncidentType.ETHICAL_LAPSE, "取引先に関する報道を見て不安になりました。"),
					Map.entry(IncidentType.INAPPROPRIATE_MARKETING, "しつこい営業電話が続いています。")));

	private static final Map<Tone, String[]> EN_CLOSING = Map.of(Tone.POSITIVE,
			new String[] { "Keep it up!", "We will recommend you." }, Tone.NEUTRAL,
			new String[] { "Let us see next time." }, Tone.NEGATIVE,
			new String[] { "Please follow up.", "We expect better." });

	private static final Map<Tone, String[]> JA_CLOSING = Map.of(Tone.POSITIVE,
			new String[] { "今後ともよろしくお願いします。", "知人にも勧めたいと思います。" }, Tone.NEUTRAL, new String[] { "次回に期待します。" },
			Tone.NEGATIVE, new String[] { "ご対応をお願いします。", "改善を期待しています。" });

	private DemoComments() {
	}

	static String comment(boolean japanese, Category category, Tone tone, List<IncidentType> incidents, Rng rng) {
		StringBuilder text = new StringBuilder(rng.pick((japanese ? JA_OPENING : EN_OPENING).get(tone)));
		String separator = japanese ? "" : " ";
		// the category sentence follows the tone: positive, neutral or negative
		text.append(separator).append((japanese ? JA_ABOUT : EN_ABOUT).get(category)[tone.ordinal()]);
		for (IncidentType incident : incidents) {
			text.append(separator).append((japanese ? JA_INCIDENT : EN_INCIDENT).get(incident));
		}
		if (rng.chance(0.4)) {
			text.append(separator).append(rng.pick((japanese ? JA_CLOSING : EN_CLOSING).get(tone)));
		}
		return text.toString();
	}

}
