package io.shinrai.insight;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The terms of one comment: words as their base form (Japanese, with Lucene's Kuromoji
 * analyser: base forms, parts of speech and Japanese stop words filtered) or stem
 * (English, with Lucene's English analyser), and the two-word phrases of neighbouring
 * words, each with the text as written. A comment containing any kana or kanji is read as
 * Japanese, any other as English. Each term counts once per comment.
 * <p>
 * Analysers are thread-safe, so one instance serves every thread.
 */
final class CommentTerms {

	/**
	 * Longest term and written form stored; longer ones (pasted codes, URLs) carry no
	 * theme.
	 */
	static final int MAX_TERM = 120;

	static final int MAX_SURFACE = 200;

	/**
	 * At most this many characters (particles, "was", "the") between the two words of a
	 * phrase.
	 */
	private static final int MAX_PHRASE_GAP = 6;

	/**
	 * Parts of speech dropped besides Kuromoji's defaults: numbers, counters, dependent
	 * nouns and verbs, pronouns.
	 */
	private static final Set<String> EXTRA_STOP_TAGS = Set.of("名詞-数", "名詞-接尾-助数詞", "名詞-接尾-一般", "名詞-非自立", "名詞-非自立-一般",
			"名詞-非自立-副詞可能", "名詞-非自立-助動詞語幹", "名詞-非自立-形容動詞語幹", "名詞-代名詞", "名詞-代名詞-一般", "名詞-代名詞-縮約", "動詞-非自立", "動詞-接尾",
			"形容詞-非自立", "形容詞-接尾", "接頭詞-名詞接続");

	private static final Analyzer JAPANESE = japanese();

	/**
	 * Function words besides Lucene's short default list, which would otherwise pass as
	 * themes.
	 */
	private static final List<String> EXTRA_ENGLISH_STOP_WORDS = List.of("i", "me", "my", "we", "us", "our", "you",
			"your", "he", "him", "his", "she", "her", "its", "them", "what", "which", "who", "whom", "am", "were",
			"been", "being", "have", "has", "had", "do", "does", "did", "so", "very", "too", "can", "could", "would",
			"should", "again", "also", "just", "from", "about", "after", "before", "all", "any", "some", "more", "most",
			"than", "up", "down", "out", "over", "only", "own", "same", "here", "when", "where", "why", "how", "each",
			"both", "few", "other", "now", "get", "got", "still", "even", "because", "while", "our", "ours", "yours",
			"it's", "i'm", "i've", "we've", "don't", "didn't");

	private static final Analyzer ENGLISH = english();

	/** One term of a comment and how it was written there. */
	record Term(String term, String surface) {
	}

	private record Token(String term, String surface, int start, int end) {
	}

	private CommentTerms() {
	}

	private static Analyzer japanese() {
		Set<String> stopTags = new HashSet<>(JapaneseAnalyzer.getDefaultStopTags());
		stopTags.addAll(EXTRA_STOP_TAGS);
		return new JapaneseAnalyzer(null, JapaneseTokenizer.Mode.NORMAL, JapaneseAnalyzer.getDefaultStopSet(),
				stopTags);
	}

	private static Analyzer english() {
		CharArraySet stopWords = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
		stopWords.addAll(EXTRA_ENGLISH_STOP_WORDS);
		return new EnglishAnalyzer(stopWords);
	}

	/**
	 * The distinct terms of the comment (words, then phrases), each with its first
	 * written form.
	 */
	static List<Term> of(String comment) {
		if (comment == null || comment.isBlank()) {
			return List.of();
		}
		List<Token> tokens = tokens(isJapanese(comment) ? JAPANESE : ENGLISH, comment);
		Map<String, String> terms = new LinkedHashMap<>();
		for (Token token : tokens) {
			terms.putIfAbsent(token.term(), token.surface());
		}
		for (int i = 1; i < tokens.size(); i++) {
			Token first = tokens.get(i - 1);
			Token second = tokens.get(i);
			if (second.start() >= first.end() && second.start() - first.end() <= MAX_PHRASE_GAP
					&& !hasPunctuation(comment.substring(first.end(), second.start()))
					&& !first.term().equals(second.term())) {
				String phrase = first.term() + " " + second.term();
				String surface = comment.substring(first.start(), second.end());
				if (phrase.length() <= MAX_TERM && surface.length() <= MAX_SURFACE) {
					terms.putIfAbsent(phrase, surface);
				}
			}
		}
		List<Term> result = new ArrayList<>(terms.size());
		terms.forEach((term, surface) -> result.add(new Term(term, surface)));
		return result;
	}

	static boolean isJapanese(String text) {
		return text.codePoints().anyMatch(c -> {
			Character.UnicodeScript script = Character.UnicodeScript.of(c);
			return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
					|| script == Character.UnicodeScript.HAN;
		});
	}

	private static List<Token> tokens(Analyzer analyzer, String text) {
		List<Token> tokens = new ArrayList<>();
		try (TokenStream stream = analyzer.tokenStream("comment", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				String value = term.toString();
				if (meaningful(value) && value.length() <= MAX_TERM) {
					String surface = text.substring(offset.startOffset(), offset.endOffset());
					tokens.add(new Token(value, surface.length() <= MAX_SURFACE ? surface : value, offset.startOffset(),
							offset.endOffset()));
				}
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return tokens;
	}

	/**
	 * Drops numbers and single kana or Latin letters, which the analysers keep but which
	 * name no theme.
	 */
	private static boolean meaningful(String term) {
		if (term.isEmpty() || term.codePoints().allMatch(c -> Character.isDigit(c) || c == '.' || c == ',')) {
			return false;
		}
		if (term.codePointCount(0, term.length()) == 1) {
			Character.UnicodeScript script = Character.UnicodeScript.of(term.codePointAt(0));
			return script == Character.UnicodeScript.HAN;
		}
		return true;
	}

	private static boolean hasPunctuation(String gap) {
		for (int i = 0; i < gap.length(); i++) {
			char c = gap.charAt(i);
			if ("。、．，.,!?！？;；:：()（）「」『』\n\r\t/・…".indexOf(c) >= 0) {
				return true;
			}
		}
		return false;
	}

}
