package io.fathom.probe;

/**
 * What every probe of one scan shares: link and network addresses, the cookie key and fixed header values.
 *
 * @param sourceMac the sending interface's MAC (48 bits)
 * @param gatewayMac the next hop's MAC (48 bits)
 * @param sourceIp the scanner's IPv4 address
 * @param cookies the per-scan validation secret and source port range
 * @param ttl IPv4 time to live of every probe
 */
public record ProbeSetup(long sourceMac, long gatewayMac, int sourceIp, ProbeCookies cookies, int ttl) {}
