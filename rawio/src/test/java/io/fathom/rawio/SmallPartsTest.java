package io.fathom.rawio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Error texts, MAC text forms and TX ring geometry. */
class SmallPartsTest {
  @Test
  void errnoDescriptionsNameTheError() {
    assertThat(Errno.describe(19)).isEqualTo("No such device (ENODEV)");
    assertThat(Errno.describe(105)).isEqualTo("No buffer space available (ENOBUFS)");
    assertThat(Errno.describe(4242)).isEqualTo("Unknown error (errno 4242)");
    assertThat(Errno.name(1)).isEqualTo("EPERM");
    assertThat(Errno.isTransient(Errno.ENOBUFS)).isTrue();
    assertThat(Errno.isTransient(Errno.ENODEV)).isFalse();
    assertThat(new RawIoException("cannot open AF_PACKET socket on 'eth9'", 19))
        .hasMessage("cannot open AF_PACKET socket on 'eth9': No such device (ENODEV)")
        .extracting(RawIoException::errno).isEqualTo(19);
  }

  @Test
  void macAddressesRoundTrip() {
    assertThat(MacAddresses.parse("02:00:C6:12:07:0a")).isEqualTo(0x0200_c612_070aL);
    assertThat(MacAddresses.format(0xffff_ffff_ffffL)).isEqualTo("ff:ff:ff:ff:ff:ff");
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 1000; i++) {
      long mac = random.nextLong() & 0xFFFF_FFFF_FFFFL;
      assertThat(MacAddresses.parse(MacAddresses.format(mac))).isEqualTo(mac);
    }
    assertThatThrownBy(() -> MacAddresses.parse("02:00:c6:12:07")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MacAddresses.parse("02-00-c6-12-07-0a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MacAddresses.parse("02:00:c6:12:07:0g")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void interfaceNamesAreCheckedBeforeAnySystemCall() {
    assertThat(InterfaceRequest.isValidName("veth0")).isTrue();
    assertThat(InterfaceRequest.isValidName("fifteen-bytes-x")).isTrue();
    assertThat(InterfaceRequest.isValidName("sixteen-bytes-xy")).isFalse();
    assertThat(InterfaceRequest.isValidName("")).isFalse();
    assertThat(InterfaceRequest.isValidName("a/b")).isFalse();
    assertThat(NetInterfaces.exists("sixteen-bytes-xy")).isFalse();
  }

  @Test
  void txRingGeometryFillsWholeBlocksThatTheKernelAccepts() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 2000; i++) {
      int frames = random.nextInt(1, 5000);
      int maxLength = random.nextInt(14, 9100);
      TxRingSender.RingGeometry geometry = TxRingSender.RingGeometry.of(frames, maxLength);
      assertThat(geometry.frameSize() % 16).isZero();
      assertThat(geometry.frameSize() - TxRingSender.DATA_OFFSET).isGreaterThanOrEqualTo(maxLength);
      assertThat(geometry.blockSize() % 4096).isZero();
      assertThat(geometry.framesPerBlock()).isEqualTo(geometry.blockSize() / geometry.frameSize()).isPositive();
      assertThat(geometry.frameCount()).isEqualTo(geometry.framesPerBlock() * geometry.blockCount())
          .isGreaterThanOrEqualTo(frames).isLessThan(frames + geometry.framesPerBlock());
    }
    assertThat(TxRingSender.RingGeometry.of(256, 64))
        .isEqualTo(new TxRingSender.RingGeometry(96, 24576, 256, 1, 256));
  }
}
