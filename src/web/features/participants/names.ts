/** "Anthony Marsh", or "Marsh, Anthony" where lists sort by family name. */
export function participantName(
  person: { firstName: string; lastName: string },
  style: 'natural' | 'sortable' = 'natural',
): string {
  return style === 'sortable' ? `${person.lastName}, ${person.firstName}` : `${person.firstName} ${person.lastName}`;
}
