package io.shinrai.system;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdvisoryLocksTests {

	@Test
	void noTwoUsesShareAKey() throws IllegalAccessException {
		List<Field> keys = Arrays.stream(AdvisoryLocks.class.getDeclaredFields())
			.filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == long.class)
			.toList();
		assertThat(keys).hasSizeGreaterThanOrEqualTo(4);
		long[] values = new long[keys.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = keys.get(i).getLong(null);
		}
		assertThat(values).doesNotHaveDuplicates();
	}

}
