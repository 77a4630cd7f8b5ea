package io.shinrai.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a handler that processes a form: the view that shows the form. When the database
 * cannot be reached while the form is processed, {@link DatabaseUnavailableAdvice} shows
 * that view again (status 503) with everything that was typed and a message, instead of
 * losing it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FormView {

	/** The view name, e.g. {@code customers/form}. */
	String value();

	/**
	 * For a form that changes something existing: the model attribute the view reads the
	 * thing's {@code id} from, filled then from the path variable {@code id} (the thing
	 * itself cannot be loaded).
	 */
	String subject() default "";

}
