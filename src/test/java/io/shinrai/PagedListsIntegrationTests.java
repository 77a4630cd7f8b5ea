package io.shinrai;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.shinrai.feedback.csv.FeedbackImport;
import io.shinrai.feedback.csv.FeedbackImports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every paged list reads its {@code page} parameter the same way: a whole number out of
 * range shows the nearest page (never "page 999 of 13", never an error page), anything
 * else answers 400 with a message in the user's language.
 */
@IntegrationTest
@AutoConfigureMockMvc
class PagedListsIntegrationTests {

	private static final String RUN = "pg" + UUID.randomUUID().toString().substring(0, 8);

	/** An import with 60 rejected rows: two pages of rejections. */
	private static long importId;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private FeedbackImports imports;

	@Autowired
	private Clock clock;

	/**
	 * Enough rows for more than one page of each list: 30 negative entries of 30
	 * customers (feedback, customers, recovery cases) and 60 rejected rows.
	 */
	@BeforeEach
	void manyRows() throws Exception {
		synchronized (PagedListsIntegrationTests.class) {
			if (importId != 0) {
				return;
			}
			StringBuilder csv = new StringBuilder("external_id,customer_ref,customer_name,segment,received_at,channel,"
					+ "category,transparency,consistency,communication,quality,values,nps,csat,ces,incidents,comment\n");
			// recent enough to open recovery cases
			LocalDate received = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(2);
			for (int i = 0; i < 30; i++) {
				csv.append(RUN + "-ok-" + i + "," + RUN + "-C" + i + ",Paged " + RUN + " " + i + ",SMB," + received
						+ ",EMAIL,PRODUCT,1,1,1,1,1,0,1,7,,paged " + RUN + "\n");
			}
			for (int i = 0; i < 60; i++) {
				csv.append(RUN + "-bad-" + i + "," + RUN + "-C,Paging Co,SMB,2026-05-01,FAX,PRODUCT,,,,4,,,,,,\n");
			}
			Path file = Files.createTempFile("paged", ".csv");
			Files.writeString(file, csv, StandardCharsets.UTF_8);
			FeedbackImport job = imports.run(file, "paged.csv", TestUsers.ADMIN);
			Files.delete(file);
			assertThat(List.of(job.imported(), job.rejected())).containsExactly(30L, 60L);
			importId = job.id();
		}
	}

	/** Each paged list, its address with the page value left open. */
	static Stream<Arguments> pagedListsAndValues() {
		List<String> lists = List.of("/customers?q=" + RUN + "&page=", "/feedback?q=" + RUN + "&page=",
				"/admin/audit?page=", "/recovery?tab=all&size=5&page=", "/import?page=", "/import/{import}?page=");
		List<Arguments> arguments = new ArrayList<>();
		for (String list : lists) {
			for (String value : List.of("999", "0", "-1", "99999999999", "９９９", "abc", "1.5")) {
				arguments.add(Arguments.of(list, value));
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0}{1}")
	@MethodSource("pagedListsAndValues")
	void aPageOutOfRangeShowsTheNearestPageAndOneThatIsNoNumberIsRefused(String list, String value) throws Exception {
		String url = list.replace("{import}", Long.toString(importId)) + value;
		boolean number = value.matches("-?\\d+") || "９９９".equals(value);
		for (Locale locale : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
			MvcResult result = mvc.perform(get(url).with(user(users.user(TestUsers.ADMIN))).locale(locale)).andReturn();
			String html = result.getResponse().getContentAsString();
			assertThat(html).doesNotContain("Exception").doesNotContain("Whitelabel");
			if (!number) {
				assertThat(result.getResponse().getStatus()).as(url).isEqualTo(400);
				assertThat(html).as(url)
					.contains(locale == Locale.ENGLISH ? "\u201C" + value + "\u201D is not a page number."
							: "「" + value + "」はページ番号ではありません。");
				continue;
			}
			assertThat(result.getResponse().getStatus()).as(url).isEqualTo(200);
			int[] position = position(html, locale);
			if (position == null) {
				// one page only: no pager; the lists filtered to this test's rows have
				// two
				// or more
				assertThat(list).as("pager of %s", url).matches("/(import\\?|admin/audit).*");
				continue;
			}
			int expected = value.startsWith("-") || "0".equals(value) ? 1 : position[1];
			assertThat(position[0]).as("page shown for %s of %d", url, position[1]).isEqualTo(expected);
		}
	}

	/**
	 * The page shown and the number of pages, as the pager says; null without a pager.
	 */
	private static int[] position(String html, Locale locale) {
		Matcher of = Pattern
			.compile(locale == Locale.ENGLISH ? "Page ([\\d,]+) of ([\\d,]+)" : "([\\d,]+) / ([\\d,]+) ページ")
			.matcher(html);
		if (of.find()) {
			return new int[] { number(of.group(1)), number(of.group(2)) };
		}
		// a numbered pager: the current page and the highest link
		Matcher current = Pattern.compile("aria-current=\"page\">(\\d+)<").matcher(html);
		if (!current.find()) {
			return null;
		}
		Matcher links = Pattern.compile("class=\"page-link\" href=\"[^\"]*\"[^>]*>(\\d+)<").matcher(html);
		int last = number(current.group(1));
		while (links.find()) {
			last = Math.max(last, number(links.group(1)));
		}
		return new int[] { number(current.group(1)), last };
	}

	private static int number(String text) {
		return Integer.parseInt(text.replace(",", ""));
	}

}
