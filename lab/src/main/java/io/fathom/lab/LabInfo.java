package io.fathom.lab;

import io.fathom.common.Ipv4;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything a scanner, test or benchmark needs to know about a running lab: where to run (namespaces and
 * interfaces), what to send with (source address, gateway address and MAC), what to scan (live and dark prefixes,
 * ports) and the answer key (ground truth file).
 */
public record LabInfo(
    String name,
    String scannerNamespace,
    String targetNamespace,
    String scannerInterface,
    String targetInterface,
    int scannerIp,
    int gatewayIp,
    long gatewayMac,
    int livePrefix,
    int livePrefixLength,
    int darkPrefix,
    int darkPrefixLength,
    int[] ports,
    long seed,
    Path groundTruthFile,
    Path stateDir) {

  public LabInfo {
    ports = ports.clone();
  }

  @Override
  public int[] ports() {
    return ports.clone();
  }

  /** The command prefixed so that it runs in the scanner namespace: {@code ip netns exec NS ...command}. */
  public List<String> inScanner(List<String> command) {
    return inNamespace(scannerNamespace, command);
  }

  /** The command prefixed so that it runs in the target namespace. */
  public List<String> inTarget(List<String> command) {
    return inNamespace(targetNamespace, command);
  }

  /** Reads the ground truth file written when the lab came up. */
  public GroundTruth groundTruth() {
    return GroundTruth.read(groundTruthFile);
  }

  /** The gateway MAC as "aa:bb:cc:dd:ee:ff", as raw senders' command lines want it. */
  public String gatewayMacText() {
    return MacAddress.format(gatewayMac);
  }

  private static List<String> inNamespace(String namespace, List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(command);
    return full;
  }

  // Records compare arrays by reference; compare the ports' contents instead.
  @Override
  public boolean equals(Object o) {
    return o instanceof LabInfo i
        && name.equals(i.name)
        && scannerNamespace.equals(i.scannerNamespace)
        && targetNamespace.equals(i.targetNamespace)
        && scannerInterface.equals(i.scannerInterface)
        && targetInterface.equals(i.targetInterface)
        && scannerIp == i.scannerIp
        && gatewayIp == i.gatewayIp
        && gatewayMac == i.gatewayMac
        && livePrefix == i.livePrefix
        && livePrefixLength == i.livePrefixLength
        && darkPrefix == i.darkPrefix
        && darkPrefixLength == i.darkPrefixLength
        && Arrays.equals(ports, i.ports)
        && seed == i.seed
        && groundTruthFile.equals(i.groundTruthFile)
        && stateDir.equals(i.stateDir);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, gatewayMac, livePrefix, seed, stateDir) * 31 + Arrays.hashCode(ports);
  }

  @Override
  public String toString() {
    return "LabInfo[name=" + name + ", scanner=" + scannerNamespace + "/" + scannerInterface + " "
        + Ipv4.format(scannerIp) + ", target=" + targetNamespace + "/" + targetInterface
        + ", gateway=" + Ipv4.format(gatewayIp) + " " + gatewayMacText()
        + ", live=" + LabAddresses.cidr(livePrefix, livePrefixLength)
        + ", dark=" + LabAddresses.cidr(darkPrefix, darkPrefixLength)
        + ", ports=" + Arrays.toString(ports) + ", seed=" + seed + ", stateDir=" + stateDir + "]";
  }
}
