package io.shinrai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Shinrai: customer trust management. Start-up time is logged by Spring Boot ("Started
 * ShinraiApplication in ...").
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ShinraiApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShinraiApplication.class, args);
	}

}
