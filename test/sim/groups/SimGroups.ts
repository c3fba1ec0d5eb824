import { encodeWAMessage, generateMessageID } from '@whiskeysockets/baileys';
import type { BinaryNode, proto } from '@whiskeysockets/baileys';
import type { Contact } from '../contact.js';
import type { Peer } from '../peer.js';
import type { Simulator } from '../simulator.js';
import { splitJid } from '../world.js';

export type GroupAddressing = 'lid' | 'pn';

/** A group the account is in. `members` are the other participants (the account is always in). */
export type SimGroup = {
  readonly jid: string;
  subject: string;
  readonly addressing: GroupAddressing;
  readonly creation: number;
  readonly members: Set<Contact>;
  readonly admins: Set<Contact>;
  /** Contacts whose sender key the linked device has (reset when the device re-pairs). */
  readonly keySentTo: Map<Contact, number>;
};

export type GroupInit = Readonly<{
  subject: string;
  members: readonly Contact[];
  admins?: readonly Contact[];
  addressing?: GroupAddressing;
  id?: string;
}>;

const nowS = (): string => String(Math.floor(Date.now() / 1000));

/**
 * Groups with sender keys. Members send `skmsg` (preceded, the first time, by their sender-key
 * distribution message in a 1:1 `pkmsg`/`msg` in the same stanza, as WhatsApp does); the app's
 * group sends are fanned out to every current member, who decrypts them with its own Signal state.
 *
 *   const team = sim.groups.create({ subject: 'Team', members: [ana, bo] });
 *   await sim.groups.send(team, ana, { conversation: 'standup?' });
 *   await sim.groups.remove(team, bo);      // <notification type="w:gp2"><remove>
 */
export class SimGroups {
  readonly #groups = new Map<string, SimGroup>();

  constructor(private readonly sim: Simulator) {}

  create(init: GroupInit): SimGroup {
    const jid = `${init.id ?? `1203630${String(Date.now()).slice(-8)}${String(this.#groups.size).padStart(4, '0')}`}@g.us`;
    const group: SimGroup = {
      jid,
      subject: init.subject,
      addressing: init.addressing ?? 'lid',
      creation: Math.floor(Date.now() / 1000),
      members: new Set(init.members),
      admins: new Set(init.admins ?? []),
      keySentTo: new Map(),
    };
    this.#groups.set(jid, group);
    return group;
  }

  get(jid: string): SimGroup | undefined {
    return this.#groups.get(jid);
  }

  get all(): readonly SimGroup[] {
    return [...this.#groups.values()];
  }

  /** The participant jid a member has in this group's addressing mode. */
  memberJid(group: SimGroup, peer: Peer): string {
    return group.addressing === 'lid' ? peer.lidJid : peer.pnJid;
  }

  /** `w:g2` queries: `participating` (all groups) and `query` (one group's metadata). */
  answerQuery(iq: BinaryNode): BinaryNode[] | undefined {
    const child = Array.isArray(iq.content) ? iq.content[0]?.tag : undefined;
    if (child === 'participating') {
      return [{ tag: 'groups', attrs: {}, content: this.all.map((g) => this.#groupNode(g)) }];
    }
    const group = this.#groups.get(iq.attrs.to ?? '');
    return group ? [this.#groupNode(group)] : undefined;
  }

  #participantNode(group: SimGroup, peer: Peer, admin: boolean): BinaryNode {
    // LID groups list `jid=<lid> phone_number=<pn>`, PN groups `jid=<pn> lid=<lid>` (extractGroupMetadata).
    const attrs: Record<string, string> =
      group.addressing === 'lid'
        ? { jid: peer.lidJid, phone_number: peer.pnJid }
        : { jid: peer.pnJid, lid: peer.lidJid };
    if (admin) attrs.type = 'admin';
    return { tag: 'participant', attrs };
  }

  #groupNode(group: SimGroup): BinaryNode {
    const me = this.sim.phone;
    const participants = [
      this.#participantNode(group, me, true),
      ...[...group.members].map((c) => this.#participantNode(group, c, group.admins.has(c))),
    ];
    return {
      tag: 'group',
      attrs: {
        id: splitJid(group.jid)?.user ?? group.jid,
        subject: group.subject,
        s_t: String(group.creation),
        s_o: this.memberJid(group, me),
        creation: String(group.creation),
        creator: this.memberJid(group, me),
        addressing_mode: group.addressing,
        size: String(participants.length),
      },
      content: participants,
    };
  }

  /**
   * A member sends a group message: `skmsg` under its sender key, plus its sender-key distribution
   * message encrypted 1:1 to the linked device the first time (or after the device re-paired).
   */
  async send(
    group: SimGroup,
    from: Contact,
    message: proto.IMessage,
    opts: Readonly<{ id?: string }> = {},
  ): Promise<string> {
    if (!group.members.has(from)) throw new Error(`${from.pn} is not in ${group.jid}`);
    const device = this.sim.device;
    if (!device) throw new Error('no linked device: pair a client first');
    const author = this.memberJid(group, from);
    const { ciphertext, senderKeyDistributionMessage } = await from.actor.encryptGroup(
      group.jid,
      author,
      encodeWAMessage(message),
    );
    const content: BinaryNode[] = [];
    if (group.keySentTo.get(from) !== device.generation) {
      const skdm: proto.IMessage = {
        senderKeyDistributionMessage: {
          groupId: group.jid,
          axolotlSenderKeyDistributionMessage: senderKeyDistributionMessage,
        },
      };
      content.push(await this.sim.encryptToDevice(from, skdm));
      group.keySentTo.set(from, device.generation);
    }
    content.push({ tag: 'enc', attrs: { v: '2', type: 'skmsg' }, content: Buffer.from(ciphertext) });
    const id = opts.id ?? generateMessageID();
    const alt: Record<string, string> =
      group.addressing === 'lid' ? { participant_pn: from.pnJid } : { participant_lid: from.lidJid };
    this.sim.deliver({
      tag: 'message',
      attrs: {
        from: group.jid,
        participant: author,
        ...alt,
        id,
        t: nowS(),
        type: 'text',
        addressing_mode: group.addressing,
        ...(from.pushName !== undefined ? { notify: from.pushName } : {}),
      },
      content,
    });
    return id;
  }

  sendText(group: SimGroup, from: Contact, text: string): Promise<string> {
    return this.send(group, from, { conversation: text });
  }

  /** `<notification type="w:gp2"><add>`: `by` (default: a group admin or the first member) added them. */
  add(group: SimGroup, contacts: readonly Contact[], by?: Contact): string {
    for (const c of contacts) group.members.add(c);
    return this.#notify(group, 'add', contacts, by);
  }

  /** `<notification type="w:gp2"><remove>`; the removed contacts no longer get the group's messages. */
  remove(group: SimGroup, contacts: readonly Contact[], by?: Contact): string {
    for (const c of contacts) {
      group.members.delete(c);
      group.admins.delete(c);
      group.keySentTo.delete(c);
    }
    return this.#notify(group, 'remove', contacts, by);
  }

  #notify(group: SimGroup, action: 'add' | 'remove', contacts: readonly Contact[], by?: Contact): string {
    const actor: Peer = by ?? [...group.admins][0] ?? this.sim.phone;
    const id = generateMessageID();
    this.sim.deliver({
      tag: 'notification',
      attrs: {
        from: group.jid,
        type: 'w:gp2',
        id,
        t: nowS(),
        participant: this.memberJid(group, actor),
        ...(group.addressing === 'lid' ? { participant_pn: actor.pnJid } : {}),
        addressing_mode: group.addressing,
      },
      content: [{ tag: action, attrs: {}, content: contacts.map((c) => this.#participantNode(group, c, false)) }],
    });
    return id;
  }

  /**
   * The app sent `<message to=group>`: every current member decrypts the `skmsg` with the sender
   * key it got (now or earlier) from the app's distribution message. Returns who decrypted it.
   */
  async fanOut(node: BinaryNode, skmsg: Uint8Array): Promise<Contact[]> {
    const group = this.#groups.get(node.attrs.to ?? '');
    if (!group) return [];
    const device = this.sim.device;
    if (!device) return [];
    // Baileys encrypts under its LID in 'lid' groups and its PN device jid otherwise.
    const author =
      node.attrs.addressing_mode === 'pn'
        ? `${this.sim.account.pn}:${device.id}@s.whatsapp.net`
        : this.sim.deviceAddress;
    const done: Contact[] = [];
    for (const member of group.members) {
      try {
        const plain = await member.actor.decryptGroup(group.jid, author, skmsg);
        member.deliver({ id: node.attrs.id ?? '', message: plain, at: Date.now(), stanza: node, group: group.jid });
        done.push(member);
      } catch {
        // No sender key (the app did not distribute one to this member): it cannot read the message.
      }
    }
    return done;
  }
}
