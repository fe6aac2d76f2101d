package io.fathom.rawio;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An AF_PACKET SOCK_RAW socket for one interface, with the memory its calls need: a shared arena that lives
 * as long as the socket, a call state for errno, and scratch space for options and poll. Created with
 * protocol 0, so it receives nothing until {@link #bind(int)} names a protocol. Used by one thread at a time.
 */
final class PacketSocket implements AutoCloseable {
  final Arena arena = Arena.ofShared();
  final MemorySegment callState = Libc.newCallState(arena);
  final String interfaceName;
  final int fd;
  final int interfaceIndex;
  private final MemorySegment intValue = arena.allocate(JAVA_INT);
  private final MemorySegment intLength = arena.allocate(JAVA_INT);
  private final MemorySegment pollFd = arena.allocate(LinuxStructs.POLLFD);
  private final InterfaceRequest request;
  private long mappedAddress;
  private long mappedSize;
  private boolean closed;

  private PacketSocket(String interfaceName) {
    this.interfaceName = interfaceName;
    String what = "cannot open AF_PACKET socket on '" + interfaceName + "'";
    if (!InterfaceRequest.isValidName(interfaceName)) {
      arena.close();
      throw new RawIoException(what + ": interface names have 1 to 15 bytes and no '/'");
    }
    fd = Libc.socket(callState, Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      int errno = Libc.errno(callState);
      arena.close();
      throw new RawIoException(what, errno);
    }
    request = new InterfaceRequest(arena, interfaceName);
    if (Libc.ioctl(callState, fd, Libc.SIOCGIFINDEX, request.segment) < 0) {
      int errno = Libc.errno(callState);
      close();
      throw new RawIoException(what, errno);
    }
    interfaceIndex = request.intAnswer();
    pollFd.set(JAVA_INT, LinuxStructs.POLL_FD, fd);
  }

  /** Opens the socket and resolves the interface in the calling thread's network namespace. */
  static PacketSocket open(String interfaceName) {
    return new PacketSocket(interfaceName);
  }

  /** The interface MTU, read now. */
  int mtu() {
    if (Libc.ioctl(callState, fd, Libc.SIOCGIFMTU, request.segment) < 0) {
      throw new RawIoException("cannot read the MTU of '" + interfaceName + "'", Libc.errno(callState));
    }
    return request.intAnswer();
  }

  /** Sets an int option; returns 0 or the errno of the failure. */
  int trySetInt(int level, int name, int value) {
    intValue.set(JAVA_INT, 0, value);
    return Libc.setsockopt(callState, fd, level, name, intValue, 4) < 0 ? Libc.errno(callState) : 0;
  }

  void setInt(int level, int name, int value, String optionName) {
    int errno = trySetInt(level, name, value);
    if (errno != 0) {
      throw new RawIoException("cannot set " + optionName + " on '" + interfaceName + "'", errno);
    }
  }

  void set(int level, int name, MemorySegment value, String optionName) {
    if (Libc.setsockopt(callState, fd, level, name, value, (int) value.byteSize()) < 0) {
      throw new RawIoException("cannot set " + optionName + " on '" + interfaceName + "'", Libc.errno(callState));
    }
  }

  /** Reads an option into {@code value}; returns 0 or the errno of the failure. */
  int tryGet(int level, int name, MemorySegment value) {
    intLength.set(JAVA_INT, 0, (int) value.byteSize());
    return Libc.getsockopt(callState, fd, level, name, value, intLength) < 0 ? Libc.errno(callState) : 0;
  }

  /** Reads and clears the error the kernel left on the socket (SO_ERROR); 0 when none. */
  int takePendingError() {
    intLength.set(JAVA_INT, 0, 4);
    if (Libc.getsockopt(callState, fd, Libc.SOL_SOCKET, Libc.SO_ERROR, intValue, intLength) < 0) {
      return Libc.errno(callState);
    }
    return intValue.get(JAVA_INT, 0);
  }

  /** Binds to the interface; protocol 0 only sends, an EtherType also receives frames of that type. */
  void bind(int etherType) {
    MemorySegment address = arena.allocate(LinuxStructs.SOCKADDR_LL);
    address.set(JAVA_SHORT, LinuxStructs.SLL_FAMILY, (short) Libc.AF_PACKET);
    address.set(LinuxStructs.BIG_ENDIAN_SHORT, LinuxStructs.SLL_PROTOCOL, (short) etherType);
    address.set(JAVA_INT, LinuxStructs.SLL_IFINDEX, interfaceIndex);
    if (Libc.bind(callState, fd, address, (int) address.byteSize()) < 0) {
      throw new RawIoException("cannot bind AF_PACKET socket to '" + interfaceName + "'", Libc.errno(callState));
    }
  }

  /**
   * Waits up to {@code timeoutMillis} for {@code events}; returns the events that occurred, 0 on timeout or
   * on a signal.
   */
  int poll(short events, int timeoutMillis) {
    pollFd.set(JAVA_SHORT, LinuxStructs.POLL_EVENTS, events);
    pollFd.set(JAVA_SHORT, LinuxStructs.POLL_REVENTS, (short) 0);
    int ready = Libc.poll(callState, pollFd, 1L, timeoutMillis);
    return ready > 0 ? pollFd.get(JAVA_SHORT, LinuxStructs.POLL_REVENTS) & 0xFFFF : 0;
  }

  /** Maps a ring the socket has set up, shared with the kernel; the segment lives as long as the socket. */
  MemorySegment mapRing(long size, String ringName) {
    MemorySegment address = Libc.mmap(callState, MemorySegment.NULL, size, Libc.PROT_READ | Libc.PROT_WRITE,
        Libc.MAP_SHARED, fd, 0L);
    if (address.address() == -1L) {
      throw new RawIoException("cannot map " + ringName + " of '" + interfaceName + "'", Libc.errno(callState));
    }
    mappedAddress = address.address();
    mappedSize = size;
    return address.reinterpret(size, arena, null);
  }

  /** Closes the arena first, so that no segment of the ring is usable once it is unmapped. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    arena.close();
    try (Arena cleanup = Arena.ofConfined()) {
      MemorySegment cs = Libc.newCallState(cleanup);
      if (mappedAddress != 0) {
        Libc.munmap(cs, MemorySegment.ofAddress(mappedAddress), mappedSize);
      }
      Libc.close(cs, fd);
    }
  }
}
