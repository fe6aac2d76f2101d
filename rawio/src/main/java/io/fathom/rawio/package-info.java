/**
 * Raw packet I/O on Linux through java.lang.foreign: AF_PACKET senders ({@link io.fathom.rawio.MmsgSender},
 * {@link io.fathom.rawio.TxRingSender}) behind {@link io.fathom.rawio.FrameSender}, a filtered TPACKET_V3
 * receive ring ({@link io.fathom.rawio.RxRing}) with classic BPF programs ({@link io.fathom.rawio.BpfProgram}),
 * and discovery of interfaces, routes and neighbours that follows the calling thread's network namespace
 * ({@link io.fathom.rawio.Namespaces}).
 *
 * <p>Setup failures throw {@link io.fathom.rawio.RawIoException} with a one-line message; per-frame failures
 * are counted, never thrown. Senders and rings are used by one thread at a time and allocate nothing per
 * frame or batch once open. Sockets belong to the network namespace of the thread that opens them.
 */
package io.fathom.rawio;
