package io.shinrai.feedback.csv;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * An upload over {@code spring.servlet.multipart.max-file-size} goes back to the import page with a message
 * saying the limit. Global on purpose: the size is checked before any controller is chosen. The browser gets this
 * answer because Tomcat reads the rest of the upload ({@code server.tomcat.max-swallow-size=-1}).
 */
@ControllerAdvice
class UploadLimitAdvice {

	private final DataSize maxFileSize;

	UploadLimitAdvice(@Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize) {
		this.maxFileSize = maxFileSize;
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	String uploadTooLarge(HttpServletRequest request) {
		FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
		flash.put("failure", "import.refused.tooLarge");
		flash.put("failureArgs", new Object[] { describe(maxFileSize) });
		// the import page is the only one that takes uploads
		return "redirect:/import";
	}

	/** "50 MB", "512 KB". */
	static String describe(DataSize size) {
		return size.toMegabytes() > 0 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
	}

}
