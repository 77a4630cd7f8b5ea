package io.shinrai.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;

/**
 * A setting that is a scheduled job's Spring cron expression (six fields, from the
 * second) or {@code -}, which switches the job off in this instance. Checked at start-up,
 * so that a wrong value stops the start with a message naming the setting rather than one
 * naming the job's method.
 */
@Documented
@Constraint(validatedBy = CronSchedule.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface CronSchedule {

	String message() default "must be a Spring cron expression of six fields (second minute hour day-of-month month "
			+ "day-of-week) or - to switch the job off";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<CronSchedule, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || Scheduled.CRON_DISABLED.equals(value.strip())
					|| CronExpression.isValidExpression(value.strip());
		}

	}

}
