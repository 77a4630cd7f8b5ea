package io.shinrai.customer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A segment merge as the admin page posts it: a group's members and the chosen survivor,
 * or one segment typed into each field.
 */
public class SegmentMergeForm {

	private String survivor;

	private String absorbed;

	private List<String> absorbedSegments = new ArrayList<>();

	private List<String> members = new ArrayList<>();

	CustomerMerges.SegmentMergeRequest toRequest() {
		Set<String> all = new LinkedHashSet<>();
		if (absorbed != null && !absorbed.isBlank()) {
			all.add(absorbed);
		}
		all.addAll(absorbedSegments);
		for (String member : members) {
			if (!member.equals(survivor)) {
				all.add(member);
			}
		}
		return new CustomerMerges.SegmentMergeRequest(survivor, List.copyOf(all));
	}

	public String getSurvivor() {
		return survivor;
	}

	public void setSurvivor(String survivor) {
		this.survivor = survivor;
	}

	public String getAbsorbed() {
		return absorbed;
	}

	public void setAbsorbed(String absorbed) {
		this.absorbed = absorbed;
	}

	public List<String> getAbsorbedSegments() {
		return absorbedSegments;
	}

	public void setAbsorbedSegments(List<String> absorbedSegments) {
		this.absorbedSegments = absorbedSegments == null ? new ArrayList<>() : absorbedSegments;
	}

	public List<String> getMembers() {
		return members;
	}

	public void setMembers(List<String> members) {
		this.members = members == null ? new ArrayList<>() : members;
	}

}
