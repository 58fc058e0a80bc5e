import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../api/http/errors.js';
import { webhookInput, webhookUrlRefused } from '../../api/notifications/webhookInput.js';
import { loadConfig } from '../../runtime/config.js';
import { isRefusedAddress, mayConnect, outboundAddress, parseAllowEntry, type AllowEntry, type Lookup } from '../../runtime/outboundAddress.js';

const allowList = (...texts: string[]): AllowEntry[] => texts.map((text) => {
  const entry = parseAllowEntry(text);
  if (!entry) throw new Error(`not an entry: ${text}`);
  return entry;
});

/** A resolver that answers `addresses` for every name, so no test asks a real DNS server. */
const resolvingTo = (...addresses: string[]): Lookup => async () =>
  addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('refused outbound addresses', () => {
  it('refuses loopback, private, CGNAT, link-local, multicast, unspecified and reserved IPv4', () => {
    for (const address of ['127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1',
      '100.127.255.255', '169.254.169.254', '0.0.0.0', '0.1.2.3', '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255',
      '192.0.2.10', '198.18.0.1']) {
      expect(isRefusedAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '192.169.0.1', '11.0.0.1', '223.255.255.254']) {
      expect(isRefusedAddress(address), address).toBe(false);
    }
  });

  it('refuses loopback, unspecified, unique-local, link-local and multicast IPv6, and IPv4 inside IPv6 as its IPv4', () => {
    for (const address of ['::1', '::', '0:0:0:0:0:0:0:1', '[::1]', 'fd00::1', 'fc00::1', 'fe80::1', 'fe80::1%eth0', 'febf::1', 'ff02::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::ffff:0:192.168.0.1',
      '64:ff9b::127.0.0.1', '64:ff9b::a9fe:a9fe', '64:ff9b:1::808:808', '2002:7f00:1::', '2002:c0a8:101::1', '2001:0:4136:e378::1']) {
      expect(isRefusedAddress(address), address).toBe(true);
    }
    for (const address of ['2606:4700:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1', '2400::1']) {
      expect(isRefusedAddress(address), address).toBe(false);
    }
  });

  it('sees the host of decimal, octal, hex and short IPv4 forms as URL parses them', () => {
    for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/', 'http://127.1/', 'http://0x7f000001/', 'http://017700000001/',
      'http://0/', 'http://[::ffff:127.0.0.1]/', 'http://[0:0::1]:8080/', 'http://2852039166/', 'http://127.0.0.1./']) {
      expect(isRefusedAddress(new URL(url).hostname), url).toBe(true);
    }
    expect(isRefusedAddress(new URL('http://134744072/').hostname)).toBe(false); // 8.8.8.8
  });

  it('refuses anything that is not an address (a name must be resolved first)', () => {
    expect(isRefusedAddress('localhost')).toBe(true);
    expect(isRefusedAddress('example.com')).toBe(true);
    expect(isRefusedAddress('')).toBe(true);
  });
});

describe('the allow-list', () => {
  const at = (hostname: string, port: number, address: string) => ({ hostname, port, address });

  it('takes host[:port], [v6]:port, bare IPv6 and CIDR entries, and nothing else', () => {
    for (const text of ['relay.corp', 'relay.corp:8080', '127.0.0.1', '127.0.0.1:3000', '[fd00::1]:9000', 'fd00::1', '10.8.0.0/16', 'fd00::/8', '企业微信.example:80']) {
      expect(parseAllowEntry(text), text).toBeDefined();
    }
    for (const text of ['', 'relay:0', 'relay:70000', 'relay:', '10.0.0.0/33', 'fd00::/129', 'relay.corp/16', 'http://relay', 'user@relay', 'relay/x', '[fd00::1']) {
      expect(parseAllowEntry(text), text).toBeUndefined();
    }
  });

  it('allows a refused address only for what an entry names: the host name, the address or range, and the port when given', () => {
    const allow = allowList('127.0.0.1:3000', '10.8.0.0/16', 'RELAY.Corp:8443', '[fd00::1]:9000', '2130706433:4000');
    expect(mayConnect(at('127.0.0.1', 3000, '127.0.0.1'), allow)).toBe(true);
    expect(mayConnect(at('localhost', 3000, '127.0.0.1'), allow)).toBe(true);
    expect(mayConnect(at('127.0.0.1', 3001, '127.0.0.1'), allow)).toBe(false);
    expect(mayConnect(at('127.0.0.1', 4000, '127.0.0.1'), allow)).toBe(true);
    expect(mayConnect(at('127.0.0.2', 3000, '127.0.0.2'), allow)).toBe(false);
    expect(mayConnect(at('10.8.3.4', 22, '10.8.3.4'), allow)).toBe(true);
    expect(mayConnect(at('10.9.0.1', 80, '10.9.0.1'), allow)).toBe(false);
    expect(mayConnect(at('relay.corp', 8443, '10.1.1.1'), allow)).toBe(true);
    expect(mayConnect(at('relay.corp', 443, '10.1.1.1'), allow)).toBe(false);
    expect(mayConnect(at('other.corp', 8443, '10.1.1.1'), allow)).toBe(false);
    expect(mayConnect(at('fd00::1', 9000, 'fd00::1'), allow)).toBe(true);
    expect(mayConnect(at('fd00::2', 9000, 'fd00::2'), allow)).toBe(false);
    expect(mayConnect(at('169.254.169.254', 80, '169.254.169.254'), allow)).toBe(false);
    // A public address needs no entry.
    expect(mayConnect(at('example.com', 443, '93.184.216.34'), [])).toBe(true);
  });

  it('spells a host entry as a URL would: IDN in punycode, lower case', () => {
    const allow = allowList('钉钉中转.example');
    const hostname = new URL('http://钉钉中转.example/').hostname;
    expect(mayConnect(at(hostname, 80, '10.0.0.5'), allow)).toBe(true);
  });

  it('comes from DUTYFLOW_WEBHOOK_ALLOW, and a bad entry stops the start', () => {
    expect(loadConfig({}).webhooks.allowList).toBeUndefined();
    expect(loadConfig({ DUTYFLOW_WEBHOOK_ALLOW: ' relay.corp:8080 , 10.8.0.0/16,' }).webhooks.allowList).toHaveLength(2);
    expect(() => loadConfig({ DUTYFLOW_WEBHOOK_ALLOW: 'relay.corp,http://x/' })).toThrow(/DUTYFLOW_WEBHOOK_ALLOW.*"http:\/\/x\/"/);
  });
});

describe('resolving a destination', () => {
  it('checks every address of a name and connects only to one it may', async () => {
    const url = new URL('https://hooks.example/x');
    expect(await outboundAddress(url, [], resolvingTo('127.0.0.1', '::1'))).toBeNull();
    expect(await outboundAddress(url, [], resolvingTo('10.0.0.1', '93.184.216.34'))).toEqual({ address: '93.184.216.34', family: 4 });
    expect(await outboundAddress(url, allowList('hooks.example:443'), resolvingTo('10.0.0.1'))).toEqual({ address: '10.0.0.1', family: 4 });
    expect(await outboundAddress(url, allowList('hooks.example:80'), resolvingTo('10.0.0.1'))).toBeNull();
    await expect(outboundAddress(url, [], async () => { throw new Error('ENOTFOUND'); })).rejects.toThrow('ENOTFOUND');
  });

  it('refuses a webhook URL naming a refused address, unless allowed, with 422 at /url', async () => {
    for (const url of ['http://127.0.0.1:3000/', 'http://[::1]/', 'http://0.0.0.0/', 'http://2130706433/', 'http://169.254.169.254/latest', 'https://[::ffff:10.0.0.1]/']) {
      expect(await webhookUrlRefused(url, []), url).toBe(true);
    }
    expect(await webhookUrlRefused('http://127.0.0.1:3000/', allowList('127.0.0.1:3000'))).toBe(false);
    // Not a URL: webhookInput says so itself.
    expect(await webhookUrlRefused('ftp://127.0.0.1/', [])).toBe(false);

    const refused = () => webhookInput({ url: 'http://127.0.0.1:3000/', enabled: true }, 'en', true);
    expect(refused).toThrow(ValidationError);
    try {
      refused();
    } catch (err) {
      expect((err as ValidationError).errors).toEqual([{ path: '/url', message: expect.stringContaining('must not point to this server') }]);
    }
  });
});
