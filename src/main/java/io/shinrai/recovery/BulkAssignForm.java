package io.shinrai.recovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The board's bulk hand-over: the ticked cases, each as {@code id:version} (the version
 * the board showed), the new owner, and the board address to go back to.
 */
class BulkAssignForm {

	private List<String> selected = new ArrayList<>();

	private String owner;

	private String back;

	/**
	 * The ticked cases with their versions; {@code null} when one of them is not
	 * {@code id:version}.
	 */
	Map<Long, Long> versions() {
		Map<Long, Long> versions = new LinkedHashMap<>();
		for (String item : selected) {
			String[] parts = item == null ? new String[0] : item.split(":", -1);
			if (parts.length != 2) {
				return null;
			}
			try {
				versions.put(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return versions;
	}

	/** Where to go afterwards: the board the form was on, never another site. */
	String backOrBoard() {
		return back != null && back.startsWith("/recovery") && !back.startsWith("/recovery//") ? back : "/recovery";
	}

	public List<String> getSelected() {
		return selected;
	}

	public void setSelected(List<String> selected) {
		this.selected = selected == null ? new ArrayList<>() : selected;
	}

	public String getOwner() {
		return owner;
	}

	public void setOwner(String owner) {
		this.owner = owner;
	}

	public String getBack() {
		return back;
	}

	public void setBack(String back) {
		this.back = back;
	}

}
