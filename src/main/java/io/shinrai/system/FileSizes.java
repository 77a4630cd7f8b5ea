package io.shinrai.system;

import java.text.NumberFormat;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The one way a size in bytes is shown, as a person reads it: "10.7 MB", "812 KB", "1.5
 * KB", "640 bytes", with the language's digits and separators. The largest unit that
 * keeps the number at 1 or more; one decimal below 10, none above. Units of 1024, as file
 * managers show them. Templates call it as {@code @fileSizes.format(bytes, #locale)}.
 */
@Component("fileSizes")
public class FileSizes {

	private static final String[] UNITS = { "KB", "MB", "GB", "TB" };

	private final MessageSource messages;

	FileSizes(MessageSource messages) {
		this.messages = messages;
	}

	public String format(long bytes, Locale locale) {
		if (bytes < 1024) {
			return messages.getMessage("size.bytes", new Object[] { bytes }, locale);
		}
		double value = bytes;
		int unit = -1;
		do {
			value /= 1024;
			unit++;
		}
		while (rounded(value) >= 1000 && unit < UNITS.length - 1);
		NumberFormat number = NumberFormat.getNumberInstance(locale);
		number.setMaximumFractionDigits(rounded(value) < 100 ? 1 : 0);
		return number.format(rounded(value)) + " " + UNITS[unit];
	}

	/** The value as it will be printed: one decimal below 100, whole from 100 on. */
	private static double rounded(double value) {
		double tenths = Math.round(value * 10) / 10.0;
		return tenths < 100 ? tenths : Math.round(value);
	}

}
