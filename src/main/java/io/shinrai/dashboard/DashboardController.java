package io.shinrai.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class DashboardController {

	static final String DASHBOARD_VIEW = "dashboard/index";

	@GetMapping("/")
	String showDashboard() {
		return DASHBOARD_VIEW;
	}

}
