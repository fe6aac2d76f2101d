package io.fathom.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's open ports: listens on 0.0.0.0:PORT for each port given (the target namespace owns the whole live
 * prefix, so one socket serves every address) and accepts and closes every connection. Which addresses count as
 * open is decided by nftables in front of it, not here.
 *
 * <p>Usage: {@code PortListener [--ready-file FILE] PORT[,PORT...]...}. After every port is bound it writes its
 * process id to the ready file, so whoever started it knows it is listening.
 */
public final class PortListener {
  static final int BACKLOG = 65535;

  private PortListener() {}

  public static void main(String[] args) throws IOException {
    Path readyFile = null;
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--ready-file") && i + 1 < args.length) {
        readyFile = Path.of(args[++i]);
      } else {
        for (String port : args[i].split(",")) {
          ports.add(Integer.parseInt(port.strip()));
        }
      }
    }
    if (ports.isEmpty()) {
      System.err.println("usage: PortListener [--ready-file FILE] PORT[,PORT...]...");
      System.exit(2);
    }
    Selector selector = Selector.open();
    for (int port : ports) {
      bind(selector, port);
    }
    System.out.println("listening on ports " + ports + " (pid " + ProcessHandle.current().pid() + ")");
    if (readyFile != null) {
      writeReady(readyFile);
    }
    serve(selector);
  }

  private static void bind(Selector selector, int port) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    channel.bind(new InetSocketAddress(port), BACKLOG);
    channel.configureBlocking(false);
    channel.register(selector, SelectionKey.OP_ACCEPT);
  }

  private static void writeReady(Path readyFile) throws IOException {
    Path temporary = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
    Files.writeString(temporary, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    Files.move(temporary, readyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void serve(Selector selector) throws IOException {
    while (true) {
      selector.select();
      for (SelectionKey key : selector.selectedKeys()) {
        ServerSocketChannel server = (ServerSocketChannel) key.channel();
        try {
          SocketChannel connection;
          while ((connection = server.accept()) != null) {
            connection.close();
          }
        } catch (IOException e) {
          // Out of descriptors or an aborted handshake: keep serving the other connections.
          System.err.println("accept failed: " + e.getMessage());
        }
      }
      selector.selectedKeys().clear();
    }
  }
}
