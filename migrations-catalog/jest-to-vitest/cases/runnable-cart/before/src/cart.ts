export interface Item {
  sku: string;
  price: number;
  quantity: number;
}

export type PriceHook = (total: number) => void;

export class Cart {
  private items: Item[] = [];

  constructor(private readonly onChange: PriceHook = () => {}) {}

  add(item: Item): void {
    this.items.push(item);
    this.onChange(this.total());
  }

  total(): number {
    return this.items.reduce((sum, i) => sum + i.price * i.quantity, 0);
  }
}
