package io.shinrai.insight;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommentTermsTests {

	private static List<String> terms(String comment) {
		return CommentTerms.of(comment).stream().map(CommentTerms.Term::term).toList();
	}

	@Test
	void readsJapaneseAsBaseFormsWithoutParticlesOrNumbers() {
		List<CommentTerms.Term> terms = CommentTerms.of("配送が2日遅れた。");
		assertThat(terms).extracting(CommentTerms.Term::term).contains("配送", "遅れる").doesNotContain("が", "た", "2");
		assertThat(terms).filteredOn(term -> term.term().equals("遅れる"))
			.extracting(CommentTerms.Term::surface)
			.containsExactly("遅れ");
	}

	@Test
	void joinsNeighbouringJapaneseWordsToAPhraseWrittenAsInTheComment() {
		List<CommentTerms.Term> terms = CommentTerms.of("配送が遅れた");
		assertThat(terms).contains(new CommentTerms.Term("配送 遅れる", "配送が遅れ"));
	}

	@Test
	void readsEnglishAsStemsWithoutStopWords() {
		List<CommentTerms.Term> terms = CommentTerms.of("The deliveries were late again");
		assertThat(terms).extracting(CommentTerms.Term::term)
			.contains("deliveri", "late")
			.doesNotContain("the", "were");
		assertThat(terms).filteredOn(term -> term.term().equals("deliveri"))
			.extracting(CommentTerms.Term::surface)
			.containsExactly("deliveries");
		assertThat(terms).contains(new CommentTerms.Term("deliveri late", "deliveries were late"));
	}

	@Test
	void countsATermOncePerComment() {
		assertThat(terms("late, late and late")).containsOnlyOnce("late");
	}

	@Test
	void doesNotJoinWordsAcrossPunctuation() {
		assertThat(terms("配送。遅れ")).noneMatch(term -> term.contains(" "));
		assertThat(terms("Delivery. Late")).noneMatch(term -> term.contains(" "));
	}

	@Test
	void hasNoTermsForAnEmptyComment() {
		assertThat(CommentTerms.of(null)).isEmpty();
		assertThat(CommentTerms.of("  ")).isEmpty();
	}

}
