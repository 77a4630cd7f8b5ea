package io.shinrai.scoring;

import java.util.List;

/**
 * One invalid field of a policy draft. {@code field} is the field's name as in the API
 * and the admin form ({@code halfLifeDays}, {@code weights.quality},
 * {@code severities.BROKEN_PROMISE}, {@code reason}); {@code messageKey} is a message
 * bundle key whose arguments are {@code args} (the allowed range where there is one).
 */
public record PolicyFieldError(String field, String messageKey, List<Object> args) {

	public PolicyFieldError {
		args = List.copyOf(args);
	}

	public Object[] argsArray() {
		return args.toArray();
	}

}
