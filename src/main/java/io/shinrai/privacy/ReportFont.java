package io.shinrai.privacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * The Japanese font embedded in transparency report PDFs (a PDF is only readable
 * everywhere when it carries its font). No open-licensed Japanese TrueType/OpenType font
 * is published on Maven Central, so none is bundled: the font is the file
 * {@code shinrai.privacy.report-font} names, or else the first of the common locations of
 * IPA Gothic, IPAex Gothic and Noto Sans CJK JP on Linux (Debian's
 * {@code fonts-ipafont-gothic} puts it at the first).
 */
@Component
class ReportFont {

	/** The family name the report's style sheet asks for. */
	static final String FAMILY = "Shinrai Report Sans";

	static final List<String> KNOWN_LOCATIONS = List.of("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
			"/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
			"/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
			"/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
			"/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf");

	private final String configured;

	ReportFont(PrivacyProperties properties) {
		this.configured = properties.reportFont();
	}

	/**
	 * The font file to embed, or empty when none is readable (the PDF is then refused
	 * with a message).
	 */
	Optional<Path> file() {
		Stream<String> candidates = configured.isBlank() ? KNOWN_LOCATIONS.stream() : Stream.of(configured.strip());
		return candidates.map(Path::of).filter(Files::isReadable).findFirst();
	}

	/** Where it was looked for, for the message when none is found. */
	String lookedFor() {
		return configured.isBlank() ? String.join(", ", KNOWN_LOCATIONS) : configured.strip();
	}

}
