/** The quick-reaction row WhatsApp shows first. */
export const QUICK_REACTIONS: readonly string[] = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

// Space-separated: several emoji are more than one code point (❤️ is ❤ + VS16), so no string spread.
const group = (label: string, emoji: string) => ({ label, emoji: emoji.split(' ') });

/** A small curated picker: the emoji people actually react with, grouped like the phone does. */
export const EMOJI_GROUPS: readonly { readonly label: string; readonly emoji: readonly string[] }[] = [
  group(
    'Smileys',
    '😀 😃 😄 😁 😆 😅 🤣 😂 🙂 😉 😊 😇 🥰 😍 🤩 😘 😋 😛 😜 🤪 🤗 🤭 🤫 🤔 ' +
      '😐 😑 😶 🙄 😏 😬 😌 😔 😴 😷 🤒 🤯 🥳 😎 🤓 😕 😟 😮 😲 🥺 😢 😭 😱 😡',
  ),
  group('Gestures', '👍 👎 👌 ✌️ 🤞 🤟 👏 🙌 👐 🙏 🤝 💪 👋 🫶 ☝️ 👀'),
  group('Hearts', '❤️ 🧡 💛 💚 💙 💜 🖤 🤍 💔 ❣️ 💕 💯 ✨ 🔥 ⭐ 💫'),
  group('Things', '🎉 🎂 🎁 🍕 ☕ 🍻 🥂 ⚽ 🏆 📸 📦 💡 📌 ✅ ❌ ⏰'),
];
