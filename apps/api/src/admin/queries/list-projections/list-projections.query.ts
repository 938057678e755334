export class ListProjectionsQuery {}
