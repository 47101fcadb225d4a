package io.arbiter.bureau;

import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;

/** The bureau providers' HTTP clients (Spring Cloud OpenFeign). */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients
class BureauClientsConfiguration {
}
