package io.shinrai.system;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

class FileSizesTests {

	private final FileSizes sizes = new FileSizes(messages());

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("i18n/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0            | 0 bytes   | 0 バイト", "640          | 640 bytes | 640 バイト",
			"1023         | 1,023 bytes | 1,023 バイト", "1024         | 1 KB      | 1 KB",
			"1536         | 1.5 KB    | 1.5 KB", "10188        | 9.9 KB    | 9.9 KB",
			"10230        | 10 KB     | 10 KB", "831488       | 812 KB    | 812 KB", "1048000      | 1 MB      | 1 MB",
			"11177984     | 10.7 MB   | 10.7 MB", "52428800     | 50 MB     | 50 MB", "5368709120   | 5 GB      | 5 GB",
			"1125899906842624 | 1,024 TB | 1,024 TB" })
	void printsSizesAsAPersonReadsThem(long bytes, String english, String japanese) {
		assertThat(sizes.format(bytes, Locale.ENGLISH)).isEqualTo(english);
		assertThat(sizes.format(bytes, Locale.JAPANESE)).isEqualTo(japanese);
	}

	@ParameterizedTest
	@CsvSource({ "1536, '1,5 KB'", "11177984, '10,7 MB'" })
	void writesTheDecimalSeparatorOfTheLanguage(long bytes, String german) {
		assertThat(sizes.format(bytes, Locale.GERMAN)).isEqualTo(german);
	}

}
