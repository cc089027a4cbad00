package org.mpcap.analyzer.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void addressesSortByValueIpv4FirstAndTextLast() {
        List<String> a = new ArrayList<>(List.of("fe80::1", "10.0.10.6", "(none)", "10.0.2.6", "2001:db8::1",
                "10.0.1.6", "9.255.255.255"));
        a.sort(Addresses.ORDER);
        assertThat(a).containsExactly("9.255.255.255", "10.0.1.6", "10.0.2.6", "10.0.10.6", "2001:db8::1",
                "fe80::1", "(none)");
    }

    @Test
    void hostNamesAreNeverLookedUp() {
        assertThat(Addresses.parse("localhost")).isNull();
        assertThat(Addresses.parse("example.com")).isNull();
    }
}
