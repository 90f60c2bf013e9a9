export default function MeetingsPage() {
  return null;
}
