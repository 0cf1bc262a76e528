package org.namss.recert;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RecertificationApplication {

  public static void main(String[] args) {
    SpringApplication.run(RecertificationApplication.class, args);
  }
}
