package dev.riskline.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExposureTest {
  @ParameterizedTest(name = "{0} public: {1}")
  @CsvSource({"54.12.3.4,true", "8.8.8.8,true", "172.32.0.1,true", "100.128.0.1,true", "10.0.0.1,false",
      "172.16.0.1,false", "172.31.255.255,false", "192.168.1.1,false", "169.254.169.254,false", "127.0.0.1,false",
      "100.64.0.1,false", "0.1.2.3,false", "224.0.0.1,false", "256.1.1.1,false", "1.2.3,false", "1..2.3,false",
      "a.b.c.d,false", "1.2.3.4.5,false", "0054.1.1.1,false", "1.2.3.,false", "'',false"})
  void an_ipv4_address_is_public_outside_the_private_and_special_ranges(String ip, boolean expected) {
    assertThat(Exposure.isPublicIpv4(ip)).isEqualTo(expected);
  }
}
