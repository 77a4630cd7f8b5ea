package io.shinrai.customer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A customer merge as the admin page posts it: a group's members and the chosen survivor
 * (every other member is absorbed), or one reference typed into each field.
 */
public class CustomerMergeForm {

	private String survivorRef;

	private String absorbedRef;

	private List<String> absorbedRefs = new ArrayList<>();

	private List<String> memberRefs = new ArrayList<>();

	private String detailsFromRef;

	CustomerMerges.CustomerMergeRequest toRequest() {
		Set<String> absorbed = new LinkedHashSet<>();
		if (absorbedRef != null && !absorbedRef.isBlank()) {
			absorbed.add(absorbedRef);
		}
		absorbed.addAll(absorbedRefs);
		for (String member : memberRefs) {
			if (!member.equals(survivorRef)) {
				absorbed.add(member);
			}
		}
		return new CustomerMerges.CustomerMergeRequest(survivorRef, List.copyOf(absorbed), detailsFromRef);
	}

	public String getSurvivorRef() {
		return survivorRef;
	}

	public void setSurvivorRef(String survivorRef) {
		this.survivorRef = survivorRef;
	}

	public String getAbsorbedRef() {
		return absorbedRef;
	}

	public void setAbsorbedRef(String absorbedRef) {
		this.absorbedRef = absorbedRef;
	}

	public List<String> getAbsorbedRefs() {
		return absorbedRefs;
	}

	public void setAbsorbedRefs(List<String> absorbedRefs) {
		this.absorbedRefs = absorbedRefs == null ? new ArrayList<>() : absorbedRefs;
	}

	public List<String> getMemberRefs() {
		return memberRefs;
	}

	public void setMemberRefs(List<String> memberRefs) {
		this.memberRefs = memberRefs == null ? new ArrayList<>() : memberRefs;
	}

	public String getDetailsFromRef() {
		return detailsFromRef;
	}

	public void setDetailsFromRef(String detailsFromRef) {
		this.detailsFromRef = detailsFromRef;
	}

}
