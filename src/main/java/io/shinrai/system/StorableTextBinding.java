package io.shinrai.system;

import java.beans.PropertyEditorSupport;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Every text a form or a request parameter binds must be storable ({@link StorableText}):
 * otherwise the field gets the error {@code typeMismatch} (message
 * {@code typeMismatch.java.lang.String}) and the form is shown again with what was typed,
 * and a request parameter answers 400. {@link BadTextFilter} covers what no binder sees.
 */
@ControllerAdvice
class StorableTextBinding {

	@InitBinder
	void refuseUnstorableText(WebDataBinder binder) {
		binder.registerCustomEditor(String.class, new PropertyEditorSupport() {

			@Override
			public void setAsText(String text) {
				if (!StorableText.isStorable(text)) {
					throw new IllegalArgumentException("text with a NUL or an unpaired surrogate");
				}
				setValue(text);
			}

			@Override
			public String getAsText() {
				Object value = getValue();
				return value == null ? "" : value.toString();
			}

		});
	}

}
