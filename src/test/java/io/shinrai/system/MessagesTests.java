package io.shinrai.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every visible word comes from the message bundles, in both languages: keys must match
 * between English and Japanese, every key a template uses must exist, and templates must
 * not hard-code text.
 */
class MessagesTests {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	/** Text between tags, or a user-visible attribute, that contains a letter. */
	private static final Pattern TEXT_NODE = Pattern.compile(">([^<>]*\\p{L}[^<>]*)<");

	private static final Pattern VISIBLE_ATTRIBUTE = Pattern
		.compile("\\s(?:placeholder|title|alt|aria-label|value|label)=\"([^\"]*\\p{L}[^\"]*)\"");

	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z][\\w.\\-]*)[}(]");

	@Test
	void englishAndJapaneseHaveTheSameKeys() {
		Set<String> english = load("i18n/messages.properties").stringPropertyNames();
		Set<String> japanese = load("i18n/messages_ja.properties").stringPropertyNames();
		assertThat(difference(english, japanese)).as("keys only in messages.properties").isEmpty();
		assertThat(difference(japanese, english)).as("keys only in messages_ja.properties").isEmpty();
	}

	/**
	 * A key defined twice silently keeps its last text: merges of message blocks are
	 * caught here.
	 */
	@Test
	void noKeyIsDefinedTwice() {
		for (String bundle : List.of("i18n/messages.properties", "i18n/messages_ja.properties")) {
			List<String> twice = new ArrayList<>();
			Properties seen = new Properties() {
				@Override
				public synchronized Object put(Object key, Object value) {
					if (containsKey(key)) {
						twice.add(String.valueOf(key));
					}
					return super.put(key, value);
				}
			};
			try (InputStream in = MessagesTests.class.getClassLoader().getResourceAsStream(bundle)) {
				seen.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			assertThat(twice).as(bundle).isEmpty();
		}
	}

	@Test
	void noMessageIsLeftEmpty() {
		for (String bundle : List.of("i18n/messages.properties", "i18n/messages_ja.properties")) {
			Properties messages = load(bundle);
			assertThat(messages.stringPropertyNames().stream().filter(key -> messages.getProperty(key).isBlank()))
				.as("empty messages in " + bundle)
				.isEmpty();
		}
	}

	@Test
	void everyKeyUsedInATemplateExists() throws IOException {
		Set<String> english = load("i18n/messages.properties").stringPropertyNames();
		List<String> missing = new ArrayList<>();
		for (Path template : templates()) {
			Matcher matcher = MESSAGE_KEY.matcher(Files.readString(template));
			while (matcher.find()) {
				if (!english.contains(matcher.group(1))) {
					missing.add(TEMPLATES.relativize(template) + ": " + matcher.group(1));
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void templatesDoNotHardCodeText() throws IOException {
		List<String> hardCoded = new ArrayList<>();
		for (Path template : templates()) {
			String html = withoutIgnoredParts(Files.readString(template));
			collect(hardCoded, template, TEXT_NODE.matcher(html));
			collect(hardCoded, template, VISIBLE_ATTRIBUTE.matcher(html));
		}
		assertThat(hardCoded).as("literal text in templates; use th:text=\"#{...}\"").isEmpty();
	}

	@Test
	void theCheckCatchesHardCodedText() {
		String html = withoutIgnoredParts("<p>Hello</p><input placeholder=\"Name\"><p th:text=\"#{a.b}\">x</p>");
		List<String> found = new ArrayList<>();
		collect(found, Path.of("sample.html"), TEXT_NODE.matcher(html));
		collect(found, Path.of("sample.html"), VISIBLE_ATTRIBUTE.matcher(html));
		assertThat(found).containsExactly("sample.html: Hello", "sample.html: Name");
	}

	/**
	 * Removes what is never shown as written: comments, scripts, styles, and the
	 * placeholder content of elements whose text Thymeleaf replaces (th:text, th:utext,
	 * th:replace, th:insert).
	 */
	private static String withoutIgnoredParts(String html) {
		String result = html.replaceAll("(?s)<!--.*?-->", "")
			.replaceAll("(?s)<script[^>]*>.*?</script>", "")
			.replaceAll("(?s)<style[^>]*>.*?</style>", "")
			.replaceAll("&[a-zA-Z]+;", " ");
		// placeholder text of replaced elements: <tag ... th:text="..."
		// ...>placeholder</tag>
		result = result
			.replaceAll("(?s)(<(\\w+)[^>]*\\sth:(?:text|utext|replace|insert)=\"[^\"]*\"[^>]*>)[^<]*(</\\2>)", "$1$3");
		// inlined expressions such as [[#{key}]]
		return result.replaceAll("\\[\\[.*?]]", "").replaceAll("\\[\\(.*?\\)]", "");
	}

	private static void collect(List<String> found, Path template, Matcher matcher) {
		while (matcher.find()) {
			String text = matcher.group(1).strip();
			if (!text.isEmpty()) {
				found.add(template.getFileName() + ": " + text);
			}
		}
	}

	private static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			return files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
		}
	}

	private static Set<String> difference(Set<String> a, Set<String> b) {
		Set<String> result = new TreeSet<>(a);
		result.removeAll(b);
		return result;
	}

	private static Properties load(String resource) {
		try (InputStream in = MessagesTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			Properties properties = new Properties();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			return properties;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
