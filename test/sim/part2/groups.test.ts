import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../contact.js';
import type { SimGroup } from '../groups/index.js';
import { textOf } from '../peer.js';
import { waitForEvent } from '../testing/events.js';
import { startPairedWorld } from '../testing/fixtures.js';
import type { PairedWorld } from '../testing/fixtures.js';

describe('groups with sender keys', () => {
  let w: PairedWorld;
  let ana: Contact;
  let bo: Contact;
  let cy: Contact;
  let team: SimGroup;
  let legacy: SimGroup;
  beforeAll(async () => {
    w = await startPairedWorld({
      beforePair: (sim) => {
        ana = sim.addContact({ pushName: 'Ana' });
        bo = sim.addContact({ pushName: 'Bo' });
        cy = sim.addContact({ pushName: 'Cy' });
        team = sim.groups.create({ subject: 'Team', members: [ana, bo], admins: [ana] });
        legacy = sim.groups.create({ subject: 'Old PN group', members: [ana, cy], addressing: 'pn' });
      },
    });
  });
  afterAll(async () => {
    await w.teardown();
  });

  /** The app sends a text to the group; resolves with its id once `who` all decrypted it. */
  async function appSends(group: SimGroup, text: string, who: readonly Contact[]): Promise<string> {
    const sent = await w.client.sock.sendMessage(group.jid, { text });
    const id = sent?.key.id ?? '';
    for (const c of who) {
      const got = await c.waitForMessage((m) => m.id === id && m.group === group.jid);
      expect(textOf(got.message)).toBe(text);
    }
    return id;
  }

  it('answers groupFetchAllParticipating and groupMetadata with LID and PN participants', async () => {
    const all = await w.client.sock.groupFetchAllParticipating();
    expect(Object.keys(all).sort()).toEqual([team.jid, legacy.jid].sort());
    const meta = await w.client.sock.groupMetadata(team.jid);
    expect(meta.subject).toBe('Team');
    expect(meta.addressingMode).toBe('lid');
    expect(meta.participants.map((p) => [p.id, p.phoneNumber, p.admin])).toEqual([
      [w.sim.phone.lidJid, w.sim.accountJid, 'admin'],
      [ana.lidJid, ana.pnJid, 'admin'],
      [bo.lidJid, bo.pnJid, null],
    ]);
    const pn = await w.client.sock.groupMetadata(legacy.jid);
    expect(pn.participants.find((p) => p.id === cy.pnJid)?.lid).toBe(cy.lidJid);
  });

  it('delivers members\u2019 skmsg messages (SKDM in a pkmsg first, then skmsg only)', async () => {
    const first = await w.upserts.byId(await w.sim.groups.sendText(team, ana, 'standup at 10?'));
    expect(first.key).toMatchObject({ remoteJid: team.jid, participant: ana.lidJid, fromMe: false });
    expect(first.message?.conversation).toBe('standup at 10?');
    const second = await w.upserts.byId(await w.sim.groups.sendText(team, ana, 'or 11'));
    expect(second.message?.conversation).toBe('or 11');
    const fromBo = await w.upserts.byId(await w.sim.groups.sendText(team, bo, '11 works'));
    expect(fromBo.key.participant).toBe(bo.lidJid);
    const encTypes = (id: string | null | undefined): string[] => {
      const node = w.sim.observed.sent((n) => n.tag === 'message' && n.attrs.id === id)[0]?.node;
      return Array.isArray(node?.content) ? node.content.map((c) => c.attrs.type ?? '') : [];
    };
    expect(encTypes(first.key.id)).toEqual(['pkmsg', 'skmsg']);
    expect(encTypes(second.key.id)).toEqual(['skmsg']);
    const pnMsg = await w.upserts.byId(await w.sim.groups.sendText(legacy, cy, 'pn group'));
    expect(pnMsg.key.participant).toBe(cy.pnJid);
    expect(pnMsg.message?.conversation).toBe('pn group');
  });

  it('sends to the group so that every member decrypts it, with group receipts', async () => {
    const id = await appSends(team, 'agenda attached', [ana, bo]);
    const skdmTo = w.sim.observed.received((n) => n.tag === 'message' && n.attrs.id === id)[0]?.node;
    expect(JSON.stringify(skdmTo?.attrs)).toContain('"addressing_mode":"lid"');
    const receipt = await waitForEvent(w.client.sock, 'message-receipt.update', (rs) =>
      rs.some((r) => r.key.id === id),
    );
    expect(receipt[0]?.key.remoteJid).toBe(team.jid);
    await appSends(legacy, 'hello pn group', [ana, cy]);
  });

  it('follows participant changes: an added member gets the next message, a removed one does not', async () => {
    const added = waitForEvent(
      w.client.sock,
      'group-participants.update',
      (u) => u.id === team.jid && u.action === 'add',
    );
    w.sim.groups.add(team, [cy]);
    expect((await added).participants.map((p) => p.id)).toEqual([cy.lidJid]);
    await appSends(team, 'welcome Cy', [ana, bo, cy]);

    const removed = waitForEvent(
      w.client.sock,
      'group-participants.update',
      (u) => u.id === team.jid && u.action === 'remove',
    );
    w.sim.groups.remove(team, [bo]);
    await removed;
    const usyncBefore = w.sim.observed.iqs.length;
    const id = await appSends(team, 'bo left', [ana, cy]);
    expect(bo.received.some((m) => m.id === id)).toBe(false);
    // The app asked for the devices of the current members only.
    const usyncs = w.sim.observed
      .received((n) => n.tag === 'iq' && n.attrs.xmlns === 'usync')
      .filter((o) => w.sim.observed.iqs.findIndex((iq) => iq.id === o.node.attrs.id) >= usyncBefore);
    expect(JSON.stringify(usyncs.map((o) => o.node))).not.toContain(bo.lid);
  });

  it('left no query unanswered', () => {
    expect(w.sim.observed.unansweredIqs()).toEqual([]);
    expect(w.sim.observed.unhandledIqs()).toEqual([]);
  });
});
