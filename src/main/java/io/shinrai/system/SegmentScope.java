package io.shinrai.system;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The customer segments a user may see (docs/segment-scopes.md): the whole company, or a
 * set of segments. A limited scope never includes customers without a segment. Each
 * module applies it in its own queries: {@link #sql} gives the condition on a segment
 * column, {@link #params} its parameter.
 */
public final class SegmentScope {

	/** The name of the SQL parameter {@link #sql} uses. */
	public static final String PARAMETER = "scopeSegments";

	private static final SegmentScope ALL = new SegmentScope(null);

	// null: the whole company
	private final Set<String> segments;

	private SegmentScope(Set<String> segments) {
		this.segments = segments;
	}

	public static SegmentScope all() {
		return ALL;
	}

	/**
	 * A scope of the given segments; blank names are dropped, so an empty or blank list
	 * sees nothing.
	 */
	public static SegmentScope of(Collection<String> segments) {
		Set<String> names = new TreeSet<>();
		segments.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).forEach(names::add);
		return new SegmentScope(Collections.unmodifiableSet(names));
	}

	public boolean isAll() {
		return segments == null;
	}

	/** The segments of a limited scope, in name order; empty for the whole company. */
	public Set<String> segments() {
		return isAll() ? Set.of() : segments;
	}

	/**
	 * Whether a customer of this segment ({@code ""} or {@code null}: none) is in scope.
	 */
	public boolean includes(String segment) {
		return isAll() || (segment != null && segments.contains(segment));
	}

	/**
	 * This scope narrowed to one chosen segment ({@code null} or blank: no choice, the
	 * scope itself). A segment outside the scope narrows it to nothing.
	 */
	public SegmentScope narrow(String segment) {
		if (segment == null || segment.isBlank()) {
			return this;
		}
		return new SegmentScope(includes(segment) ? Set.of(segment) : Set.of());
	}

	/** The segment this scope is limited to when it is exactly one, else {@code null}. */
	public String single() {
		return (!isAll() && segments.size() == 1) ? segments.iterator().next() : null;
	}

	/**
	 * Of {@code segments} (e.g. every segment customers have) those in scope, in their
	 * order.
	 */
	public java.util.List<String> filter(Collection<String> segments) {
		return segments.stream().filter(this::includes).toList();
	}

	/**
	 * The SQL condition that a segment column is in scope, e.g. {@code sql("c.segment")}:
	 * {@code true} for the whole company, else {@code c.segment = any(:scopeSegments)}.
	 */
	public String sql(String column) {
		return isAll() ? "true" : column + " = any(cast(:" + PARAMETER + " as varchar[]))";
	}

	/** The parameter {@link #sql} needs (none for the whole company). */
	public Map<String, Object> params() {
		return isAll() ? Map.of() : Map.of(PARAMETER, segments.toArray(String[]::new));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SegmentScope scope && java.util.Objects.equals(segments, scope.segments);
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hashCode(segments);
	}

	@Override
	public String toString() {
		return isAll() ? "all segments" : "segments " + segments;
	}

}
