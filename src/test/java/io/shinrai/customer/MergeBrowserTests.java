package io.shinrai.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.shinrai.Browser;
import io.shinrai.FullWidth;
import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Signal;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin finds a full-width twin on the merge page, checks what moves and merges it, in
 * English; in Japanese merges two customers typed by reference after a refused attempt,
 * and a segment pair.
 */
@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MergeBrowserTests {

	@Autowired
	private TestFeedback feedback;

	@Autowired
	private JdbcClient jdbc;

	@LocalServerPort
	private int port;

	private static String reference() {
		return "MB-" + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000L);
	}

	/** A customer and its full-width twin, with one entry each; the survivor's id. */
	private long pair(String reference) {
		long survivor = feedback.customer(reference, "株式会社統合テスト", "");
		feedback.entry(survivor, Instant.now().minus(Duration.ofDays(2))).rating(Signal.QUALITY, 4).save();
		long twin = feedback.customer(reference + "-twin", "株式会社統合テスト", "");
		feedback.entry(twin, Instant.now().minus(Duration.ofDays(1))).rating(Signal.QUALITY, 5).save();
		jdbc.sql("update customer set reference = ? where id = ?").params(FullWidth.of(reference), twin).update();
		return survivor;
	}

	private By groupButton(String cssClass, String key) {
		return By.xpath("//form[contains(@class, '" + cssClass + "')][.//h3[contains(., '" + key
				+ "')]]//button[@type='submit']");
	}

	@Test
	void adminMergesAFullWidthTwinFromTheListAndByReferenceInBothLanguages() {
		String first = reference();
		long firstSurvivor = pair(first);
		String second = reference();
		long secondSurvivor = pair(second);
		String segment = "SB" + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000L);
		feedback.customer(segment, "segment one");
		long wide = feedback.customer(TestFeedback.uniqueSegment(), "segment two");
		jdbc.sql("update customer set segment = ? where id = ?").params(FullWidth.of(segment), wide).update();

		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.ADMIN, TestUsers.PASSWORD);
			browser.navigate("nav-merge");
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("Merge duplicate customers and segments");
			browser.screenshot("merge-list-en");

			browser.clickAndWaitForPage(groupButton("customer-group", first));
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("Merge customers: check what moves");
			assertThat(browser.text(By.id("merge-plan"))).contains(FullWidth.of(first));
			assertThat(browser.text(By.id("merge-moves"))).contains("Feedback entries: 1");
			browser.screenshot("merge-confirm-en");
			browser.clickAndWaitForPage(By.id("confirm-merge"));
			assertThat(browser.currentPath()).isEqualTo("/customers/" + firstSurvivor);
			assertThat(browser.text(By.cssSelector(".alert-success"))).contains("into " + first)
				.contains("1 feedback entries moved");

			browser.go("/admin/merge?lang=ja");
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("重複した顧客とセグメントの統合");
			assertThat(browser.pageSource()).doesNotContain("customer-group-heading\">" + first);
			browser.type(By.id("absorbedRef"), second).type(By.id("survivorRef"), second);
			browser.clickAndWaitForPage(By.id("customer-merge-review"));
			assertThat(browser.text(By.id("error-summary"))).contains("それ自身に統合することはできない");
			assertThat(browser.find(By.id("absorbedRef")).getAttribute("value")).isEqualTo(second);
			browser.screenshot("merge-refused-ja");

			browser.type(By.id("absorbedRef"), FullWidth.of(second)).type(By.id("survivorRef"), second);
			browser.clickAndWaitForPage(By.id("customer-merge-review"));
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("顧客の統合：移る内容の確認");
			assertThat(browser.text(By.id("merge-moves"))).contains("フィードバック：1 件");
			browser.screenshot("merge-confirm-ja");
			browser.clickAndWaitForPage(By.id("confirm-merge"));
			assertThat(browser.currentPath()).isEqualTo("/customers/" + secondSurvivor);
			assertThat(browser.text(By.cssSelector(".alert-success"))).contains(second + " に統合しました");

			browser.go("/admin/merge?lang=ja");
			browser.clickAndWaitForPage(groupButton("segment-group", segment));
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("セグメントの統合：移る内容の確認");
			assertThat(browser.text(By.id("merge-moves"))).contains("顧客：1 件");
			browser.clickAndWaitForPage(By.id("confirm-merge"));
			assertThat(browser.text(By.cssSelector(".alert-success"))).contains(segment + " に統合しました");
			browser.screenshot("merge-segments-done-ja");
		}
		assertThat(jdbc.sql("select count(*) from customer where reference in (?, ?)")
			.params(FullWidth.of(first), FullWidth.of(second))
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select segment from customer where id = ?").param(wide).query(String.class).single())
			.isEqualTo(segment);
	}

}
