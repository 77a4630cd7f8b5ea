package io.shinrai.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Japanese bundle uses the glossary's terms: none of the variants docs/glossary.md
 * rules out appears in it.
 */
class GlossaryTests {

	private static final Pattern VARIANT = Pattern.compile("`([^`]+)`( without ([^\\s,]+))?");

	@Test
	void theJapaneseBundleHasNoneOfTheGlossarysWrongVariants() throws IOException {
		List<Pattern> forbidden = forbiddenVariants();
		assertThat(forbidden).as("variants read from the glossary").hasSizeGreaterThanOrEqualTo(5);
		Properties japanese = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/i18n/messages_ja.properties")) {
			japanese.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		List<String> found = new ArrayList<>();
		japanese.forEach((key, value) -> forbidden.forEach(variant -> {
			if (variant.matcher((String) value).find()) {
				found.add(key + " uses " + variant.pattern());
			}
		}));
		assertThat(found).isEmpty();
	}

	@Test
	void aWrongVariantIsFound() throws IOException {
		assertThat(forbiddenVariants()).anyMatch(variant -> variant.matcher("ステータス：要対応").find())
			.anyMatch(variant -> variant.matcher("新しい回復ケース").find())
			.noneMatch(variant -> variant.matcher("新しい信頼回復ケース").find());
	}

	@Test
	void idsAreWrittenWithoutDigitGroupingInBothLanguages() throws IOException {
		for (String bundle : List.of("/i18n/messages.properties", "/i18n/messages_ja.properties")) {
			Properties messages = new Properties();
			try (InputStream in = getClass().getResourceAsStream(bundle)) {
				messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			}
			// "#{0}" formats a number argument as 2,527; an id reads "#{0,number,#}" (or
			// gets a string)
			List<String> grouped = new ArrayList<>();
			messages.forEach((key, value) -> {
				if (((String) value).matches("(?s).*#\\{\\d+}.*")) {
					grouped.add((String) key);
				}
			});
			assertThat(grouped).as(bundle).isEmpty();
		}
	}

	/**
	 * The last column of the glossary's table: `variant`, or `variant` without PREFIX
	 * (allowed after PREFIX).
	 */
	private static List<Pattern> forbiddenVariants() throws IOException {
		List<Pattern> variants = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of("docs/glossary.md"), StandardCharsets.UTF_8)) {
			if (!line.startsWith("|") || line.startsWith("|---")) {
				continue;
			}
			String[] cells = line.split("\\|", -1);
			String last = cells[cells.length - 2];
			Matcher matcher = VARIANT.matcher(last);
			while (matcher.find()) {
				String variant = Pattern.quote(matcher.group(1));
				variants.add(Pattern.compile(
						matcher.group(3) == null ? variant : "(?<!" + Pattern.quote(matcher.group(3)) + ")" + variant));
			}
		}
		return variants;
	}

}
