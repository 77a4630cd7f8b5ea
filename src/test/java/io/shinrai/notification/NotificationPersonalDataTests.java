package io.shinrai.notification;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationPersonalDataTests {

	@Test
	void findsANameAsJsonHtmlAndSlackTextsEscapeIt() {
		assertThat(NotificationPersonalData.spellings("Tom \"T\" <Smith> & Sons")).contains("Tom \"T\" <Smith> & Sons",
				"Tom \\\"T\\\" <Smith> & Sons", "Tom &quot;T&quot; &lt;Smith&gt; &amp; Sons",
				"Tom \"T\" &lt;Smith&gt; &amp; Sons", "Tom \\\"T\\\" &lt;Smith&gt; &amp; Sons");
	}

	@Test
	void keepsJapaneseAsItIs() {
		assertThat(NotificationPersonalData.spellings("山田 花子")).containsOnly("山田 花子");
	}

}
